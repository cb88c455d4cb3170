using Crm.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Infrastructure.Persistence.Configurations;

public sealed class DepartmentConfiguration : IEntityTypeConfiguration<Department>
{
    public void Configure(EntityTypeBuilder<Department> builder)
    {
        builder.Property(d => d.Version).IsRowVersion();
        builder.Property(d => d.Name).HasMaxLength(100).IsRequired().UseCollation(NameOrder.Collation);
        // ß and æ fold to two letters: room for a 100-character name folded.
        builder.Property(d => d.NameKey).HasMaxLength(200).IsRequired();
        // Named for the field it guards, so a unique violation's 409 names `name`.
        builder.HasIndex(d => d.NameKey).IsUnique().HasDatabaseName("ix_departments_name");
        var seededAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        builder.HasData(Department.Seeded.Select((name, i) => new
        {
            Id = SeededDepartmentIds.For(i),
            Name = name,
            NameKey = Department.KeyOf(name),
            CreatedAt = seededAt,
            UpdatedAt = seededAt,
        }));
    }
}
