namespace Crm.Domain.Webhooks;

/// <summary>
/// Exponential backoff: after attempt n the next comes <c>baseDelay · 2^(n-1)</c> later, capped at
/// <c>MaxDelay</c>; once the next attempt would fall past <c>created + giveUpAfter</c>, the
/// delivery fails. With the defaults (10 s, 1 h cap, 24 h) that is about 30 attempts.
/// </summary>
public sealed record WebhookRetrySchedule(TimeSpan BaseDelay, TimeSpan MaxDelay, TimeSpan GiveUpAfter)
{
    public static WebhookRetrySchedule Default { get; } = new(TimeSpan.FromSeconds(10), TimeSpan.FromHours(1), TimeSpan.FromHours(24));

    public TimeSpan DelayAfter(int attempt)
    {
        var exponent = Math.Clamp(attempt - 1, 0, 30);
        var ticks = Math.Min(BaseDelay.Ticks * Math.Pow(2, exponent), MaxDelay.Ticks);
        return TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>When to try again after a failed <paramref name="attempt"/>, or null to give up.</summary>
    public DateTimeOffset? NextAttempt(DateTimeOffset created, int attempt, DateTimeOffset now)
    {
        var next = now + DelayAfter(attempt);
        return next > created + GiveUpAfter ? null : next;
    }
}
