using Crm.Domain.Exports;
using Crm.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Infrastructure.Persistence.Configurations;

public sealed class ExportLinkConfiguration : IEntityTypeConfiguration<ExportLink>
{
    public void Configure(EntityTypeBuilder<ExportLink> builder)
    {
        builder.Property(l => l.Version).IsRowVersion();
        builder.Property(l => l.TokenHash).HasMaxLength(64).IsRequired();
        builder.Property(l => l.Export).HasColumnType("jsonb").IsRequired();
        builder.HasIndex(l => l.TokenHash).IsUnique();
        builder.HasIndex(l => l.ExpiresAt); // the clean-up of expired links at each new one
        builder.HasOne<User>().WithMany().HasForeignKey(l => l.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
