using Crm.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Infrastructure.Persistence.Configurations;

public sealed class WebhookEventConfiguration : IEntityTypeConfiguration<WebhookEvent>
{
    public void Configure(EntityTypeBuilder<WebhookEvent> builder)
    {
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Type).HasMaxLength(100).IsRequired();
        builder.Property(e => e.Body).IsRequired();
        // The fan-out claim: undispatched events in id (= time) order.
        builder.HasIndex(e => e.Id).HasFilter("dispatched_at IS NULL").HasDatabaseName("ix_webhook_events_undispatched");
        builder.HasIndex(e => e.DispatchedAt).HasFilter("dispatched_at IS NOT NULL");
        builder.HasOne<WebhookSubscription>().WithMany().HasForeignKey(e => e.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
    }
}
