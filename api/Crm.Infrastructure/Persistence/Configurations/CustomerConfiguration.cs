using Crm.Domain.Customers;
using Crm.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Infrastructure.Persistence.Configurations;

public sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> builder)
    {
        builder.Property(c => c.Version).IsRowVersion();
        builder.Property(c => c.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.Type).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.LifecycleStage).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.Name).HasMaxLength(200).IsRequired().UseCollation(NameOrder.Collation);
        builder.Property(c => c.Email).HasMaxLength(254);
        builder.Property(c => c.Phone).HasMaxLength(20);
        builder.Property(c => c.Website).HasMaxLength(500);
        builder.Property(c => c.ExternalId).HasMaxLength(100);
        builder.Property(c => c.AddressLine1).HasMaxLength(200);
        builder.Property(c => c.AddressLine2).HasMaxLength(200);
        builder.Property(c => c.AddressCity).HasMaxLength(100);
        builder.Property(c => c.AddressRegion).HasMaxLength(100);
        builder.Property(c => c.AddressPostalCode).HasMaxLength(20);
        builder.Property(c => c.AddressCountry).HasMaxLength(2);
        builder.Property(c => c.SearchText).IsRequired();
        builder.Property(c => c.Tags).HasColumnType("text[]");
        builder.Property(c => c.CustomFields).HasColumnType("jsonb").HasConversion(CustomFieldsConversion.Converter).HasDefaultValueSql("'{}'::jsonb");
        builder.Ignore(c => c.IsArchived);

        builder.HasIndex(c => c.Email).IsUnique().HasFilter("email IS NOT NULL");
        builder.HasIndex(c => c.ExternalId).IsUnique().HasFilter("external_id IS NOT NULL");
        // Keyset pages of the default (active) list: (sort key, id).
        builder.HasIndex(c => new { c.Name, c.Id }).HasFilter("archived_at IS NULL").HasDatabaseName("ix_customers_active_name_id");
        builder.HasIndex(c => new { c.CreatedAt, c.Id }).HasFilter("archived_at IS NULL").HasDatabaseName("ix_customers_active_created_at_id");
        builder.HasIndex(c => new { c.UpdatedAt, c.Id }).HasFilter("archived_at IS NULL").HasDatabaseName("ix_customers_active_updated_at_id");
        builder.HasIndex(c => c.ArchivedAt).HasFilter("archived_at IS NOT NULL");
        // An owner is a user: the API never checked, so any id was stored (migration CustomerOwnersAreUsers).
        builder.HasOne<User>().WithMany().HasForeignKey(c => c.OwnerId).OnDelete(DeleteBehavior.Restrict).HasConstraintName(Application.Customers.CustomerInputs.OwnerKey);
        builder.HasIndex(c => c.OwnerId);
        builder.HasIndex(c => c.Tags).HasMethod("gin");
        builder.HasIndex(c => c.CustomFields).HasMethod("gin").HasOperators("jsonb_path_ops");
        builder.HasIndex(c => c.SearchText).HasMethod("gin").HasOperators("gin_trgm_ops").HasDatabaseName("ix_customers_search_text_trgm");
    }
}
