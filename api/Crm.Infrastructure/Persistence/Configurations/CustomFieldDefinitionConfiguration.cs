using Crm.Domain.CustomFields;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Infrastructure.Persistence.Configurations;

public sealed class CustomFieldDefinitionConfiguration : IEntityTypeConfiguration<CustomFieldDefinition>
{
    public void Configure(EntityTypeBuilder<CustomFieldDefinition> builder)
    {
        builder.ToTable("custom_fields");
        builder.Property(f => f.Version).IsRowVersion();
        builder.Property(f => f.Entity).HasConversion<string>().HasMaxLength(20);
        builder.Property(f => f.Type).HasConversion<string>().HasMaxLength(20);
        builder.Property(f => f.Key).HasMaxLength(50).IsRequired();
        builder.Property(f => f.Label).HasMaxLength(100).IsRequired();
        builder.Property(f => f.Description).HasMaxLength(500);
        builder.Property(f => f.Options).HasColumnType("text[]");
        builder.Ignore(f => f.HasOptions);
        builder.HasIndex(f => new { f.Entity, f.Key }).IsUnique();
    }
}
