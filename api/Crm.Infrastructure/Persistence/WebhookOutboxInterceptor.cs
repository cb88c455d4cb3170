using AutoMapper;
using Crm.Application.Webhooks;
using Crm.Domain.Common;
using Crm.Domain.Webhooks;
using Crm.Infrastructure.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Crm.Infrastructure.Persistence;

/// <summary>
/// Raises one outbox event per change partners can subscribe to (customer.created, contact.archived, …) inside the
/// same SaveChanges, hence the same transaction, as the change: no event without its change, no change without the
/// events the subscriptions committed before it want. The insert goes through <c>crm_raise_webhook_event</c> (see
/// <c>WebhookEventConfiguration</c>), which keeps the row only when an active subscription wants its type.
/// Registered after <see cref="AuditingInterceptor"/>, which stamps the timestamps the payload carries and whose read of the
/// entries detects the save's changes.
/// </summary>
public sealed class WebhookOutboxInterceptor(IConfigurationProvider mapping, TimeProvider clock, Wakeup<WebhookDispatcher> wakeup, WebhookDemand demand)
    : SaveChangesInterceptor
{
    private readonly Mapper mapper = new(mapping);

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context)
        {
            Capture(context);
        }

        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } context)
        {
            Capture(context);
        }

        return base.SavingChanges(eventData, result);
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        WakeIfWanted(eventData.Context);
        return base.SavedChangesAsync(eventData, result, cancellationToken);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        WakeIfWanted(eventData.Context);
        return base.SavedChanges(eventData, result);
    }

    private void Capture(DbContext context)
    {
        var now = AuditingInterceptor.ToMicroseconds(clock.GetUtcNow());
        var events = new List<WebhookEvent>();
        foreach (var entry in context.ChangeTracker.AsDetected<Entity>())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified) || !WebhookEvents.HasLifecycle(entry.Entity.GetType()))
            {
                continue;
            }

            // An insert is always "created"; an update needs its changes (none: no event; ArchivedAt: archived or restored).
            var (action, changes) = entry.State == EntityState.Added ? ("created", null) : AuditingInterceptor.Describe(entry);
            if (changes is { Count: 0 } || WebhookEvents.ForChange(entry.Entity.GetType(), action) is not { } kind)
            {
                continue;
            }

            events.Add(Raise(kind.Type, now, mapper.Map(entry.Entity, entry.Entity.GetType(), kind.Wire)));
        }

        if (events.Count > 0)
        {
            context.Set<WebhookEvent>().AddRange(events);
        }
    }

    /// <summary>The outbox event of type <paramref name="type"/> carrying <paramref name="data"/> (InsertWriter's too).</summary>
    internal static WebhookEvent Raise(string type, DateTimeOffset now, object data)
    {
        var id = Guid.CreateVersion7(now);
        return WebhookEvent.Raise(id, type, now, WebhookEvents.Envelope(id, type, now, data));
    }

    /// <summary>What a finished save means for this replica's webhook worker.</summary>
    public enum Wake
    {
        /// <summary>Nothing the worker would find: no event anyone wants, no delivery.</summary>
        No,

        /// <summary>A wanted event, a ping or a replayed delivery: look now.</summary>
        Now,

        /// <summary>A subscription was saved: read the subscriptions again, then look.</summary>
        AfterReadingSubscriptions,
    }

    /// <summary>
    /// Decides from the entries a save leaves tracked. An event nobody wants was not written (the procedure dropped
    /// it), so it wakes nobody: under a burst of changes with no subscription, each wake-up was an empty claim
    /// transaction. A deleted subscription is no longer tracked after the save, and needs no early reading: the old
    /// one only wants more than needed.
    /// </summary>
    public static Wake Decide(ChangeTracker tracker, WebhookDemand demand)
    {
        var wake = Wake.No;
        foreach (var entry in tracker.AsDetected<object>())
        {
            switch (entry.Entity)
            {
                case WebhookSubscription:
                    return Wake.AfterReadingSubscriptions;
                case WebhookDelivery:
                case WebhookEvent e when e.SubscriptionId is not null || demand.Wants(e.Type):
                    wake = Wake.Now;
                    break;
            }
        }

        return wake;
    }

    private void WakeIfWanted(DbContext? context)
    {
        // Wakes this replica's worker at once; other replicas find the rows on their next poll. Before an explicit
        // transaction commits the worker finds nothing yet and simply polls again.
        switch (context is null ? Wake.No : Decide(context.ChangeTracker, demand))
        {
            case Wake.AfterReadingSubscriptions:
                demand.Invalidate();
                wakeup.Notify();
                break;
            case Wake.Now:
                wakeup.Notify();
                break;
        }
    }
}
