using Crm.Application.Webhooks;

namespace Crm.Infrastructure.Webhooks;

/// <summary>
/// The event types active subscriptions want, as this replica's worker last read them, so that a save raising only
/// events nobody wants does not wake the worker for an empty round. It is a hint for waking and nothing more: what
/// is written is decided by <c>crm_raise_webhook_event</c>, in the save's own transaction, so a wrong hint costs an
/// empty round or a delay until the worker's next poll, and loses nothing. It wants everything while it has no
/// reading younger than <see cref="RefreshEvery"/> (the next wake-up makes the worker read again), and from the
/// moment a subscription is saved on this replica until the worker has read the subscriptions anew. A
/// subscription saved on another replica, deleted, or saved inside a transaction that commits after the worker
/// has read again, is seen here within <see cref="RefreshEvery"/>.
/// </summary>
public sealed class WebhookDemand(TimeProvider clock)
{
    /// <summary>How old a reading may grow before the worker reads the subscriptions again.</summary>
    public static readonly TimeSpan RefreshEvery = TimeSpan.FromSeconds(5);

    private readonly Lock gate = new();
    private Reading? reading;
    private long generation;

    /// <summary>True when there is no reading, or it is older than <see cref="RefreshEvery"/>.</summary>
    public bool IsStale => Fresh() is null;

    /// <summary>False only when a fresh reading shows that no active subscription wants <paramref name="type"/>.</summary>
    public bool Wants(string type) => Fresh() is not { } r || r.Subscriptions.Any(events => WebhookMatching.Wants(events, type));

    /// <summary>Call before reading the subscriptions; hand the result to <see cref="Complete"/>.</summary>
    public ReadStart BeginRead()
    {
        lock (gate)
        {
            return new ReadStart(generation, clock.GetTimestamp());
        }
    }

    /// <summary>Keeps a reading, unless a subscription was saved here since <see cref="BeginRead"/> (the reading may miss it).</summary>
    public void Complete(ReadStart started, IEnumerable<string[]> activeSubscriptionEvents)
    {
        // Aged from when the read began, on the monotonic clock.
        var read = new Reading([.. activeSubscriptionEvents], started.Timestamp);
        lock (gate)
        {
            if (generation == started.Generation)
            {
                Volatile.Write(ref reading, read);
            }
        }
    }

    /// <summary>A subscription was saved here: want everything until the subscriptions are read again.</summary>
    public void Invalidate()
    {
        lock (gate)
        {
            generation++;
            Volatile.Write(ref reading, null);
        }
    }

    private Reading? Fresh() => Volatile.Read(ref reading) is { } r && clock.GetElapsedTime(r.ReadAt) < RefreshEvery ? r : null;

    /// <summary>Where a reading began: the invalidation count then, and the monotonic timestamp.</summary>
    public readonly record struct ReadStart(long Generation, long Timestamp);

    private sealed record Reading(string[][] Subscriptions, long ReadAt);
}
