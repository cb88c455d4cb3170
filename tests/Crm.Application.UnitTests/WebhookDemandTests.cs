using Crm.Infrastructure.Webhooks;

namespace Crm.Application.UnitTests;

public sealed class WebhookDemandTests
{
    [Fact]
    public void UntilTheSubscriptionsAreReadEveryTypeIsWanted()
    {
        var demand = new WebhookDemand(new Clock());

        demand.IsStale.ShouldBeTrue();
        demand.Wants("customer.created").ShouldBeTrue();
    }

    [Fact]
    public void AReadingWantsWhatItsSubscriptionsWant()
    {
        var demand = new WebhookDemand(new Clock());
        demand.Complete(demand.BeginRead(), [["contact.created"], ["customer.archived", "customer.restored"]]);

        demand.Wants("contact.created").ShouldBeTrue();
        demand.Wants("customer.archived").ShouldBeTrue();
        demand.Wants("customer.created").ShouldBeFalse();
        demand.Wants("contact.updated").ShouldBeFalse();

        demand.Complete(demand.BeginRead(), [["contact.created"], ["*"]]);
        demand.Wants("customer.created").ShouldBeTrue();

        demand.Complete(demand.BeginRead(), []);
        demand.Wants("customer.created").ShouldBeFalse();
    }

    [Fact]
    public void AReadingOlderThanTheRefreshIntervalWantsEverything()
    {
        var clock = new Clock();
        var demand = new WebhookDemand(clock);
        demand.Complete(demand.BeginRead(), []);
        demand.IsStale.ShouldBeFalse();

        clock.Now += WebhookDemand.RefreshEvery - TimeSpan.FromMilliseconds(1);
        demand.IsStale.ShouldBeFalse();
        clock.Now += TimeSpan.FromMilliseconds(1);
        demand.IsStale.ShouldBeTrue();
        demand.Wants("customer.created").ShouldBeTrue(); // the next save wakes the worker, which reads again
    }

    [Fact]
    public void ASubscriptionSavedHereWantsEverythingUntilReadAgain()
    {
        var demand = new WebhookDemand(new Clock());
        demand.Complete(demand.BeginRead(), []);

        demand.Invalidate();

        demand.Wants("customer.created").ShouldBeTrue();
        demand.IsStale.ShouldBeTrue();
    }

    [Fact]
    public void AReadingStartedBeforeASubscriptionWasSavedHereIsNotKept()
    {
        var demand = new WebhookDemand(new Clock());
        var started = demand.BeginRead();
        demand.Invalidate(); // saved while the worker was reading: the reading may not include it

        demand.Complete(started, []);

        demand.Wants("customer.created").ShouldBeTrue();
        demand.IsStale.ShouldBeTrue();
        demand.Complete(demand.BeginRead(), []);
        demand.Wants("customer.created").ShouldBeFalse();
    }

    private sealed class Clock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
