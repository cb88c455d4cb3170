using Crm.Domain.Imports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Infrastructure.Persistence.Configurations;

public sealed class ImportJobConfiguration : IEntityTypeConfiguration<ImportJob>
{
    public void Configure(EntityTypeBuilder<ImportJob> builder)
    {
        builder.Property(j => j.Version).IsRowVersion();
        builder.Property(j => j.Entity).HasMaxLength(30).IsRequired();
        builder.Property(j => j.Mode).HasConversion<string>().HasMaxLength(20);
        builder.Property(j => j.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(j => j.MatchOn).HasMaxLength(30).IsRequired();
        builder.Property(j => j.Phase).HasMaxLength(20).IsRequired();
        builder.Property(j => j.Step).HasMaxLength(20);
        builder.Property(j => j.FileName).HasMaxLength(255);
        builder.Property(j => j.Charset).HasMaxLength(40);
        builder.Property(j => j.Columns).HasColumnType("jsonb").IsRequired();
        builder.Property(j => j.Defaults).HasColumnType("jsonb").IsRequired();
        builder.Property(j => j.Error).HasMaxLength(2000);
        builder.Property(j => j.Language).HasMaxLength(8).IsRequired().HasDefaultValue("en");
        // The worker's poll: only unfinished jobs, so the index stays tiny.
        builder.HasIndex(j => j.CreatedAt).HasFilter("status IN ('Queued', 'Running')").HasDatabaseName("ix_import_jobs_unfinished");
        builder.HasIndex(j => new { j.CreatedById, j.Id });
    }
}
