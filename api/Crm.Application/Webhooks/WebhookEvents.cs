using System.Text.Json;
using Crm.Application.Common;
using Crm.Contracts.Customers;
using Crm.Domain.Customers;
using Crm.Domain.Webhooks;

namespace Crm.Application.Webhooks;

/// <summary>
/// The event types partners can subscribe to, and how each is built. Adding an event type is one line here
/// (a lifecycle resource, or a named event that its use case raises with <c>Envelope</c>).
/// </summary>
public static class WebhookEvents
{
    /// <summary>Sent by <c>POST /webhooks/{id}/ping</c> to that subscription only; not subscribable.</summary>
    public const string Ping = "webhook.ping";

    private static readonly Source[] Sources =
    [
        Lifecycle<Customer, CustomerResponse>("customer"),
        Lifecycle<Contact, ContactResponse>("contact"),
        // Named("deal.stage_changed"), Named("ticket.created"): raised by their use cases.
    ];

    /// <summary>Every subscribable event type, in the order they are documented.</summary>
    public static IReadOnlyList<string> Types { get; } = [.. Sources.SelectMany(s => s.Types)];

    public static bool IsKnown(string type) => Types.Contains(type, StringComparer.Ordinal);

    /// <summary>Whether changes to entities of this type raise lifecycle events.</summary>
    public static bool HasLifecycle(Type entityType) => Sources.Any(s => s.Entity == entityType);

    /// <summary>
    /// The lifecycle event for a change the audit log calls <paramref name="action"/> (created, updated, archived,
    /// restored) to an entity of <paramref name="entityType"/>, with the wire type its GET returns; null when none.
    /// </summary>
    public static (string Type, Type Wire)? ForChange(Type entityType, string action)
    {
        foreach (var source in Sources)
        {
            if (source.Entity == entityType && source.Wire is not null)
            {
                var type = source.Resource + "." + action;
                return source.Types.Contains(type) ? (type, source.Wire) : null;
            }
        }

        return null;
    }

    /// <summary>The body every subscriber receives: <c>{ id, type, occurredAt, data }</c>, data as its GET returns it.</summary>
    public static string Envelope(Guid id, string type, DateTimeOffset occurredAt, object data) =>
        JsonSerializer.Serialize(new Body(id, type, occurredAt, data), CrmJson.Options);

    private static Source Lifecycle<TEntity, TWire>(string resource) =>
        new(resource, typeof(TEntity), typeof(TWire), [resource + ".created", resource + ".updated", resource + ".archived", resource + ".restored"]);

    private static Source Named(string type) => new(type, null, null, [type]);

    private sealed record Source(string Resource, Type? Entity, Type? Wire, string[] Types);

    private sealed record Body(Guid Id, string Type, DateTimeOffset OccurredAt, object Data);
}

/// <summary>Matching events to subscriptions (used by the worker's fan-out).</summary>
public static class WebhookMatching
{
    public static bool Wants(IReadOnlyCollection<string> subscribed, string type) =>
        subscribed.Contains(WebhookSubscription.AllEvents) || subscribed.Contains(type);
}
