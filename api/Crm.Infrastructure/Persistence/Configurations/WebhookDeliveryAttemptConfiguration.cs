using Crm.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Infrastructure.Persistence.Configurations;

public sealed class WebhookDeliveryAttemptConfiguration : IEntityTypeConfiguration<WebhookDeliveryAttempt>
{
    public void Configure(EntityTypeBuilder<WebhookDeliveryAttempt> builder)
    {
        builder.ToTable("webhook_delivery_attempts");
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Error).HasMaxLength(WebhookDeliveryAttempt.ErrorLength);
        builder.Property(a => a.Failure).HasConversion<string>().HasMaxLength(30);
        builder.Property(a => a.ResponseExcerpt).HasMaxLength(WebhookDeliveryAttempt.ExcerptLength);
        builder.HasIndex(a => new { a.DeliveryId, a.Number }).IsUnique();
    }
}
