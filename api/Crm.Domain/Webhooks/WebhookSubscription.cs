using Crm.Domain.Common;

namespace Crm.Domain.Webhooks;

/// <summary>
/// A partner's endpoint that receives the events it subscribed to, signed with its secret. The secret is
/// kept in plain text (the worker needs it to sign) but never enters the audit log or the logs.
/// </summary>
public sealed class WebhookSubscription : Entity, IAuditable
{
    /// <summary>Subscribes to every event type, present and future.</summary>
    public const string AllEvents = "*";

    /// <summary>Recognisable by secret scanners, like Stripe's <c>whsec_</c>.</summary>
    public const string SecretPrefix = "whsec_";

    private WebhookSubscription()
    {
    }

    public string Url { get; private set; } = string.Empty;

    public List<string> Events { get; private set; } = [];

    [NotAudited]
    public string Secret { get; private set; } = string.Empty;

    public string? Description { get; private set; }

    public bool Active { get; private set; }

    public static WebhookSubscription Create(string url, IEnumerable<string> events, string secret, string? description, bool active)
    {
        var subscription = new WebhookSubscription();
        subscription.Update(url, events, secret, description, active);
        return subscription;
    }

    /// <summary>Replaces every editable field; a null <paramref name="secret"/> keeps the current one.</summary>
    public void Update(string url, IEnumerable<string> events, string? secret, string? description, bool active)
    {
        var list = events.Distinct(StringComparer.Ordinal).ToList();
        if (string.IsNullOrWhiteSpace(url) || list.Count == 0)
        {
            throw new DomainException("domain.webhookShape", "A webhook needs a URL and at least one event.");
        }

        Url = url;
        Events = list;
        if (secret is not null)
        {
            Secret = secret;
        }

        Description = description;
        Active = active;
    }

    /// <summary>Whether this subscription receives events of <paramref name="type"/>.</summary>
    public bool Wants(string type) => Active && (Events.Contains(AllEvents) || Events.Contains(type));
}
