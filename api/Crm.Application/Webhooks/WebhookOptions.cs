using Crm.Domain.Webhooks;

namespace Crm.Application.Webhooks;

/// <summary>The <c>Webhooks</c> configuration section (<c>Webhooks__AllowPrivateTargets</c>, …).</summary>
public sealed class WebhookOptions
{
    /// <summary>Allow targets on loopback and private ranges, and plain http (tests and local development only).</summary>
    public bool AllowPrivateTargets { get; set; }

    /// <summary>How often each replica looks for due work when nothing woke it sooner.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Delay after the first failed attempt; doubles after each further one.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = WebhookRetrySchedule.Default.BaseDelay;

    /// <summary>Longest delay between two attempts.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = WebhookRetrySchedule.Default.MaxDelay;

    /// <summary>How long a delivery is retried before it is marked failed.</summary>
    public TimeSpan RetryFor { get; set; } = WebhookRetrySchedule.Default.GiveUpAfter;

    /// <summary>Per-request timeout; no answer in time counts as a failed attempt.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Events fanned out, and deliveries sent (in parallel), per claim.</summary>
    public int BatchSize { get; set; } = 20;

    /// <summary>Succeeded deliveries and their events are deleted after this long.</summary>
    public TimeSpan KeepSucceededFor { get; set; } = TimeSpan.FromDays(30);

    public WebhookRetrySchedule Schedule => new(RetryBaseDelay, RetryMaxDelay, RetryFor);
}
