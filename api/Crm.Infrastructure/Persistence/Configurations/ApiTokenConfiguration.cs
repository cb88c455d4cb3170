using Crm.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Infrastructure.Persistence.Configurations;

public sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> builder)
    {
        builder.Property(t => t.Version).IsRowVersion();
        builder.Property(t => t.Name).HasMaxLength(100).IsRequired();
        builder.Property(t => t.Prefix).HasMaxLength(12).IsRequired();
        builder.Property(t => t.SecretHash).HasMaxLength(64).IsRequired();
        builder.Property(t => t.Scopes).HasColumnType("text[]");
        builder.HasIndex(t => t.SecretHash).IsUnique();
        builder.HasIndex(t => t.OwnerId);
        builder.HasOne<User>().WithMany().HasForeignKey(t => t.OwnerId).OnDelete(DeleteBehavior.Cascade);
    }
}
