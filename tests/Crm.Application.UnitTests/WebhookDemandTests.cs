using Crm.Domain.Webhooks;
using Crm.Infrastructure.Persistence;
using Crm.Infrastructure.Webhooks;
using Microsoft.EntityFrameworkCore;
using static Crm.Infrastructure.Persistence.WebhookOutboxInterceptor;

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

    [Fact]
    public void AReadingAgesFromWhenItBegan()
    {
        var clock = new Clock();
        var demand = new WebhookDemand(clock);
        var started = demand.BeginRead();
        clock.Now += TimeSpan.FromSeconds(4); // a slow read
        demand.Complete(started, []);

        demand.IsStale.ShouldBeFalse();
        clock.Now += TimeSpan.FromSeconds(1);
        demand.IsStale.ShouldBeTrue();
    }

    [Fact]
    public void ASaveWakesTheWorkerOnlyForWhatItWouldFind()
    {
        var now = new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);
        var demand = new WebhookDemand(new Clock());
        demand.Complete(demand.BeginRead(), [["contact.created"]]);
        using var db = new CrmDbContext(new DbContextOptionsBuilder<CrmDbContext>().UseNpgsql("Host=offline.invalid").UseSnakeCaseNamingConvention().Options);

        Decide(db.ChangeTracker, demand).ShouldBe(Wake.No);

        db.Add(WebhookEvent.Raise(Guid.CreateVersion7(), "customer.created", now, "{}"));
        Decide(db.ChangeTracker, demand).ShouldBe(Wake.No); // nobody wants it: the procedure wrote nothing

        db.Add(WebhookEvent.Raise(Guid.CreateVersion7(), "contact.created", now, "{}"));
        Decide(db.ChangeTracker, demand).ShouldBe(Wake.Now);

        db.ChangeTracker.Clear();
        var subscription = Guid.CreateVersion7();
        db.Add(WebhookEvent.RaiseFor(subscription, Guid.CreateVersion7(), "ping", now, "{}"));
        Decide(db.ChangeTracker, demand).ShouldBe(Wake.Now); // addressed to one subscription, always written

        db.ChangeTracker.Clear();
        db.Add(WebhookDelivery.Schedule(Guid.CreateVersion7(), "customer.created", subscription, now));
        Decide(db.ChangeTracker, demand).ShouldBe(Wake.Now); // a replay

        db.ChangeTracker.Clear();
        db.Add(WebhookEvent.Raise(Guid.CreateVersion7(), "customer.created", now, "{}"));
        db.Add(WebhookSubscription.Create("https://erp.example.com/hooks", ["customer.created"], "whsec_0123456789abcdefghijklmnop", null, true));
        Decide(db.ChangeTracker, demand).ShouldBe(Wake.AfterReadingSubscriptions);

        demand.Invalidate(); // what the interceptor does then: the unread subscription may want anything
        db.ChangeTracker.Clear();
        db.Add(WebhookEvent.Raise(Guid.CreateVersion7(), "customer.created", now, "{}"));
        Decide(db.ChangeTracker, demand).ShouldBe(Wake.Now);
    }

    private sealed class Clock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Now.UtcTicks;
    }
}
