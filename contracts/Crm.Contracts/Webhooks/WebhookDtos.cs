namespace Crm.Contracts.Webhooks;

/// <summary>A webhook subscription as sent to create (POST) or replace (PUT) one.</summary>
public sealed record WebhookInput
{
    /// <summary>Where events are POSTed: an absolute https URL on a public address.</summary>
    /// <example>https://erp.example.com/crm/webhooks</example>
    public string? Url { get; init; }

    /// <summary>
    /// Event types to receive: customer.created, customer.updated, customer.archived, customer.restored and the
    /// same four for contact.*; "*" receives every type, including types added later.
    /// </summary>
    /// <example>["customer.created", "customer.updated"]</example>
    public IReadOnlyList<string>? Events { get; init; }

    /// <summary>
    /// The key of the HMAC-SHA256 <c>Crm-Signature</c>, at least 24 characters. On create, omit it to get a generated
    /// <c>whsec_…</c> secret; on replace, omit it to keep the current one.
    /// </summary>
    public string? Secret { get; init; }

    /// <summary>What the subscription is for, up to 500 characters.</summary>
    /// <example>ERP customer sync</example>
    public string? Description { get; init; }

    /// <summary>Inactive subscriptions receive nothing. Defaults to true.</summary>
    public bool Active { get; init; } = true;
}

/// <summary>A webhook subscription (without its secret).</summary>
public sealed record WebhookResponse
{
    /// <summary>Subscription id.</summary>
    public Guid Id { get; init; }

    /// <summary>Target URL.</summary>
    /// <example>https://erp.example.com/crm/webhooks</example>
    public string Url { get; init; } = string.Empty;

    /// <summary>Subscribed event types ("*" for all).</summary>
    /// <example>["customer.created", "customer.updated"]</example>
    public IReadOnlyList<string> Events { get; init; } = [];

    /// <summary>What the subscription is for.</summary>
    public string? Description { get; init; }

    /// <summary>Whether events are delivered.</summary>
    public bool Active { get; init; }

    /// <summary>Creation time (UTC).</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Last change (UTC).</summary>
    public DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>A new subscription and its signing secret.</summary>
public sealed record CreatedWebhookResponse
{
    /// <summary>The subscription.</summary>
    public WebhookResponse Webhook { get; init; } = new();

    /// <summary>The secret that keys <c>Crm-Signature</c>. Shown only here (and when you set a new one); store it now.</summary>
    /// <example>whsec_3q2n8Zb0…</example>
    public string Secret { get; init; } = string.Empty;
}

/// <summary>State of a delivery.</summary>
public enum WebhookDeliveryStatus
{
    /// <summary>Waiting for its (next) attempt.</summary>
    Pending,

    /// <summary>The target answered 2xx.</summary>
    Succeeded,

    /// <summary>Retries ran out after 24 h, or the subscription was inactive. Replay to try again.</summary>
    Failed,
}

/// <summary>Why a webhook attempt failed, as a kind (see <see cref="WebhookAttemptResponse.Failure"/>).</summary>
public enum WebhookFailure
{
    /// <summary>An answer came with a status other than 2xx.</summary>
    Status,

    /// <summary>No answer within the timeout.</summary>
    Timeout,

    /// <summary>The address is internal, and private targets are not allowed.</summary>
    Refused,

    /// <summary>The host name could not be resolved.</summary>
    NameNotResolved,

    /// <summary>No connection could be made, or it was cut.</summary>
    ConnectionFailed,

    /// <summary>The TLS handshake failed.</summary>
    SecureConnectionFailed,

    /// <summary>Anything else; the error says what.</summary>
    Other,
}

/// <summary>One event on its way to one subscription, with its attempts.</summary>
public sealed record WebhookDeliveryResponse
{
    /// <summary>Delivery id.</summary>
    public Guid Id { get; init; }

    /// <summary>The event id (the <c>Crm-Event-Id</c> header); a replay keeps it.</summary>
    public Guid EventId { get; init; }

    /// <summary>Event type.</summary>
    /// <example>customer.created</example>
    public string EventType { get; init; } = string.Empty;

    /// <summary>The subscription.</summary>
    public Guid SubscriptionId { get; init; }

    /// <summary>pending, succeeded or failed.</summary>
    public WebhookDeliveryStatus Status { get; init; }

    /// <summary>Attempts made so far.</summary>
    public int AttemptCount { get; init; }

    /// <summary>When the next attempt is due (while pending).</summary>
    public DateTimeOffset? NextAttemptAt { get; init; }

    /// <summary>When the delivery succeeded or was given up.</summary>
    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>When the delivery was queued (UTC).</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Every attempt, oldest first.</summary>
    public IReadOnlyList<WebhookAttemptResponse> Attempts { get; init; } = [];
}

/// <summary>One HTTP request of a delivery.</summary>
public sealed record WebhookAttemptResponse
{
    /// <summary>1 for the first attempt.</summary>
    public int Number { get; init; }

    /// <summary>When it was sent (UTC).</summary>
    public DateTimeOffset AttemptedAt { get; init; }

    /// <summary>HTTP status of the answer; null when none came (timeout, connection refused, refused address).</summary>
    /// <example>503</example>
    public int? StatusCode { get; init; }

    /// <summary>Time to the answer (or the failure), in milliseconds.</summary>
    public int DurationMs { get; init; }

    /// <summary>Why the attempt failed, if it did, as it came: the status, or the system's own message (English).</summary>
    /// <example>HTTP 503</example>
    public string? Error { get; init; }

    /// <summary>
    /// Why the attempt failed, as a kind to word in the reader's language: <c>status</c> (an answer other than 2xx),
    /// <c>timeout</c>, <c>refused</c> (an internal address), <c>nameNotResolved</c>, <c>connectionFailed</c>,
    /// <c>secureConnectionFailed</c> (TLS) or <c>other</c>; null when it succeeded, and for attempts logged before kinds were kept.
    /// </summary>
    /// <example>status</example>
    public WebhookFailure? Failure { get; init; }

    /// <summary>The first 500 characters of the answer body.</summary>
    public string? ResponseExcerpt { get; init; }
}

/// <summary>A delivery was queued (ping or replay).</summary>
public sealed record WebhookDeliveryAccepted
{
    /// <summary>The new delivery; follow it in <c>GET /webhooks/{id}/deliveries</c>.</summary>
    public Guid DeliveryId { get; init; }

    /// <summary>The event it carries (<c>Crm-Event-Id</c>).</summary>
    public Guid EventId { get; init; }
}
