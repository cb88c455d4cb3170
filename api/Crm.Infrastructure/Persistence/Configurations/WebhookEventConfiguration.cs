using Crm.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Infrastructure.Persistence.Configurations;

public sealed class WebhookEventConfiguration : IEntityTypeConfiguration<WebhookEvent>
{
    /// <summary>The procedure EF Core calls to insert an outbox event (migration <c>OutboxOnlyWhatIsWanted</c>).</summary>
    public const string RaiseProcedure = "crm_raise_webhook_event";

    public void Configure(EntityTypeBuilder<WebhookEvent> builder)
    {
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Type).HasMaxLength(100).IsRequired();
        builder.Property(e => e.Body).IsRequired();
        // The fan-out claim: undispatched events in id (= time) order.
        builder.HasIndex(e => e.Id).HasFilter("dispatched_at IS NULL").HasDatabaseName("ix_webhook_events_undispatched");
        builder.HasIndex(e => e.DispatchedAt).HasFilter("dispatched_at IS NOT NULL");
        builder.HasOne<WebhookSubscription>().WithMany().HasForeignKey(e => e.SubscriptionId).OnDelete(DeleteBehavior.Cascade);

        // Written through a procedure that keeps only the events some active subscription wants (or addressed to
        // one, like pings): with nobody subscribed, a change costs no outbox row, no fan-out update and no prune.
        // The check runs in the change's own statement batch and transaction: no extra round trip, no cache.
        // Its "wants" is WebhookMatching.Wants in SQL ('*' or the type among an active subscription's events); the
        // fan-out in WebhookDispatcher applies the C# one.
        builder.InsertUsingStoredProcedure(RaiseProcedure, p => p
            .HasParameter(e => e.Id)
            .HasParameter(e => e.Type)
            .HasParameter(e => e.OccurredAt)
            .HasParameter(e => e.Body)
            .HasParameter(e => e.SubscriptionId)
            .HasParameter(e => e.DispatchedAt));
    }
}
