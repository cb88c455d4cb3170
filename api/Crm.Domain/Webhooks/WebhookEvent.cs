namespace Crm.Domain.Webhooks;

/// <summary>
/// One row of the outbox: an event, written in the transaction of the change that caused it, with the exact
/// JSON body every subscriber receives (so a replay sends the same bytes). A worker fans it out into one
/// <see cref="WebhookDelivery"/> per interested subscription and stamps <see cref="DispatchedAt"/>.
/// </summary>
public sealed class WebhookEvent
{
    private WebhookEvent()
    {
    }

    /// <summary>UUIDv7; sent as <c>Crm-Event-Id</c> and <c>id</c> in the body.</summary>
    public Guid Id { get; private init; }

    public string Type { get; private init; } = string.Empty;

    public DateTimeOffset OccurredAt { get; private init; }

    /// <summary>The JSON body: <c>{ id, type, occurredAt, data }</c>.</summary>
    public string Body { get; private init; } = string.Empty;

    /// <summary>Set for events addressed to one subscription only (pings); null: every subscription that wants the type.</summary>
    public Guid? SubscriptionId { get; private init; }

    /// <summary>When the event was fanned out into deliveries; null while it waits in the outbox.</summary>
    public DateTimeOffset? DispatchedAt { get; private set; }

    public static WebhookEvent Raise(Guid id, string type, DateTimeOffset occurredAt, string body) =>
        new() { Id = id, Type = type, OccurredAt = occurredAt, Body = body };

    /// <summary>An event for one subscription, fanned out at once (the caller creates its delivery).</summary>
    public static WebhookEvent RaiseFor(Guid subscriptionId, Guid id, string type, DateTimeOffset occurredAt, string body) =>
        new() { Id = id, Type = type, OccurredAt = occurredAt, Body = body, SubscriptionId = subscriptionId, DispatchedAt = occurredAt };
}
