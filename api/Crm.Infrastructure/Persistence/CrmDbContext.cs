using Crm.Application.Common;
using Crm.Domain.Audit;
using Crm.Domain.Common;
using Crm.Domain.CustomFields;
using Crm.Domain.Customers;
using Crm.Domain.Exports;
using Crm.Domain.Imports;
using Crm.Domain.Users;
using Crm.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace Crm.Infrastructure.Persistence;

public sealed class CrmDbContext(DbContextOptions<CrmDbContext> options) : DbContext(options), ICrmDbContext
{
    public DbSet<Customer> Customers => Set<Customer>();

    public DbSet<Contact> Contacts => Set<Contact>();

    public DbSet<User> Users => Set<User>();

    public DbSet<Department> Departments => Set<Department>();

    public DbSet<RefreshToken> RefreshTokens => Set<RefreshToken>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();

    public DbSet<CustomFieldDefinition> CustomFields => Set<CustomFieldDefinition>();

    public DbSet<ImportJob> ImportJobs => Set<ImportJob>();

    public DbSet<WebhookSubscription> WebhookSubscriptions => Set<WebhookSubscription>();

    public DbSet<WebhookEvent> WebhookEvents => Set<WebhookEvent>();

    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();

    public DbSet<ExportLink> ExportLinks => Set<ExportLink>();

    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasPostgresExtension("pg_trgm");
        modelBuilder.HasPostgresExtension("unaccent");
        modelBuilder.HasCollation(NameOrder.Collation, locale: NameOrder.IcuLocale, provider: "icu", deterministic: true);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(CrmDbContext).Assembly);
    }
}

/// <summary>A stored response for an Idempotency-Key, replayed for 24 h.</summary>
public sealed class IdempotencyRecord
{
    public Guid Id { get; set; } = OrderedIds.Next();

    /// <summary>The caller (user id) the key belongs to: keys of different callers never collide.</summary>
    public Guid OwnerId { get; set; }

    public string Key { get; set; } = string.Empty;

    /// <summary>Method and path the key was used with.</summary>
    public string Endpoint { get; set; } = string.Empty;

    /// <summary>SHA-256 of the request body.</summary>
    public string RequestHash { get; set; } = string.Empty;

    /// <summary>Null while the first request is still running.</summary>
    public int? StatusCode { get; set; }

    public string? ContentType { get; set; }

    public string? Location { get; set; }

    public string? ETag { get; set; }

    public byte[]? Body { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
