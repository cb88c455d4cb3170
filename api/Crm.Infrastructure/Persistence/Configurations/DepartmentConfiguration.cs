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
        builder.HasIndex(d => d.Name).IsUnique();
        var seededAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        builder.HasData(Department.Seeded.Select((name, i) => new
        {
            Id = SeededDepartmentIds.For(i),
            Name = name,
            CreatedAt = seededAt,
            UpdatedAt = seededAt,
        }));
    }
}
