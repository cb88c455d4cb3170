using Crm.Domain.Common;

namespace Crm.Domain.Webhooks;

public enum WebhookDeliveryStatus
{
    /// <summary>Waiting for its next attempt.</summary>
    Pending,

    /// <summary>A 2xx answer was received.</summary>
    Succeeded,

    /// <summary>Gave up: retries ran out (24 h) or the subscription was inactive.</summary>
    Failed,
}

/// <summary>
/// Why an attempt got no 2xx, as a kind the web app words in the reader's language; the attempt's error keeps the
/// details (the status, or the system's own message) as they came.
/// </summary>
public enum WebhookFailure
{
    /// <summary>An answer came with a status other than 2xx.</summary>
    Status,

    /// <summary>No answer within the timeout.</summary>
    Timeout,

    /// <summary>The address resolved to, or connected to, an internal address, and private targets are not allowed.</summary>
    Refused,

    /// <summary>The host name could not be resolved.</summary>
    NameNotResolved,

    /// <summary>No connection could be made, or it was cut (refused, unreachable, reset).</summary>
    ConnectionFailed,

    /// <summary>The TLS handshake failed (certificate, protocol).</summary>
    SecureConnectionFailed,

    /// <summary>Anything else; the error says what.</summary>
    Other,
}

/// <summary>One event on its way to one subscription, with every attempt logged.</summary>
public sealed class WebhookDelivery : Entity
{
    private WebhookDelivery()
    {
    }

    public Guid EventId { get; private init; }

    /// <summary>The event's type, kept here so delivery lists need no join.</summary>
    public string EventType { get; private init; } = string.Empty;

    public Guid SubscriptionId { get; private init; }

    public WebhookDeliveryStatus Status { get; private set; }

    public int AttemptCount { get; private set; }

    /// <summary>When the worker may next try; meaningful while pending.</summary>
    public DateTimeOffset NextAttemptAt { get; private set; }

    public DateTimeOffset? LastAttemptAt { get; private set; }

    public int? LastStatusCode { get; private set; }

    public string? LastError { get; private set; }

    public DateTimeOffset? CompletedAt { get; private set; }

    public List<WebhookDeliveryAttempt> Attempts { get; private set; } = [];

    /// <summary>A new delivery, due now.</summary>
    public static WebhookDelivery Schedule(Guid eventId, string eventType, Guid subscriptionId, DateTimeOffset now) =>
        new() { EventId = eventId, EventType = eventType, SubscriptionId = subscriptionId, Status = WebhookDeliveryStatus.Pending, NextAttemptAt = now };
}

/// <summary>One HTTP request of a delivery and what came back.</summary>
public sealed class WebhookDeliveryAttempt
{
    /// <summary>Longest response excerpt kept per attempt.</summary>
    public const int ExcerptLength = 500;

    /// <summary>Longest error text kept per attempt.</summary>
    public const int ErrorLength = 500;

    private WebhookDeliveryAttempt()
    {
    }

    public Guid Id { get; private init; }

    public Guid DeliveryId { get; private init; }

    /// <summary>1 for the first attempt.</summary>
    public int Number { get; private init; }

    public DateTimeOffset AttemptedAt { get; private init; }

    /// <summary>HTTP status, or null when no answer came (timeout, refused, DNS).</summary>
    public int? StatusCode { get; private init; }

    public int DurationMs { get; private init; }

    public string? Error { get; private init; }

    /// <summary>Why it failed, as a kind; null when it succeeded, and for attempts made before kinds were kept.</summary>
    public WebhookFailure? Failure { get; private init; }

    public string? ResponseExcerpt { get; private init; }
}
