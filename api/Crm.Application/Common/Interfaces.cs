using Crm.Domain.Audit;
using Crm.Domain.Common;
using Crm.Domain.CustomFields;
using Crm.Domain.Customers;
using Crm.Domain.Exports;
using Crm.Domain.Imports;
using Crm.Domain.Users;
using Crm.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Crm.Application.Common;

/// <summary>
/// The same unit of work on the bulk connection pool, for reads that hold their connection while a client downloads
/// them (exports): however slow the client, requests keep their own connections. Disposed with the request.
/// </summary>
public interface IBulkDbContext
{
    /// <summary>
    /// The context with its bulk connection open, held until the request ends; <see cref="BulkWorkBusyException"/>
    /// when every bulk connection stays in use for as long as the pool waits.
    /// </summary>
    ValueTask<ICrmDbContext> OpenAsync(CancellationToken ct);
}

/// <summary>The unit of work handlers use directly (no repository over EF; see STYLE.md).</summary>
public interface ICrmDbContext
{
    DbSet<Customer> Customers { get; }

    DbSet<Contact> Contacts { get; }

    DbSet<User> Users { get; }

    DbSet<Department> Departments { get; }

    DbSet<RefreshToken> RefreshTokens { get; }

    DbSet<AuditEntry> AuditEntries { get; }

    DbSet<ApiToken> ApiTokens { get; }

    DbSet<CustomFieldDefinition> CustomFields { get; }

    DbSet<ImportJob> ImportJobs { get; }

    DbSet<WebhookSubscription> WebhookSubscriptions { get; }

    DbSet<WebhookEvent> WebhookEvents { get; }

    DbSet<WebhookDelivery> WebhookDeliveries { get; }

    DbSet<ExportLink> ExportLinks { get; }

    /// <summary>For the few set-based statements LINQ cannot say (jsonb key removal, bulk merges).</summary>
    DatabaseFacade Database { get; }

    EntityEntry<TEntity> Entry<TEntity>(TEntity entity)
        where TEntity : class;

    /// <summary>To forget what a save that lost a race had loaded and changed, before trying again.</summary>
    ChangeTracker ChangeTracker { get; }

    Task<int> SaveChangesAsync(CancellationToken cancellationToken = default);
}

/// <summary>
/// Writes one new record in one round trip, without EF Core's change tracking and SaveChanges pipeline, and with all
/// that a SaveChanges of it writes in its transaction: the row, its audit row, its webhook event and its new search
/// words. For the hottest creates (POST /customers, POST /contacts); everything else saves through the context.
/// </summary>
public interface IInsertWriter
{
    /// <summary>
    /// Stamps and inserts <paramref name="entity"/>, and returns it as its GET does (mapped to
    /// <typeparamref name="TWire"/>, which its webhook event carries too) with the new row's version (the ETag). A
    /// refused write throws the DbUpdateException a SaveChanges would (a PostgresException inside) and leaves nothing
    /// written.
    /// </summary>
    Task<Versioned<TWire>> InsertAsync<TWire>(Entity entity, CancellationToken ct)
        where TWire : class;
}

/// <summary>Who is making the request.</summary>
/// <summary>
/// What access tokens are checked against: each user's active flag and roles as they are now, read again every few
/// seconds. A handler that changes a user's roles or deactivates them tells it, so that this replica refuses the
/// user's older access tokens at once (other replicas within seconds) instead of when they expire.
/// </summary>
public interface IUserAccess
{
    /// <summary>The user changed: read their state again before the next request they make.</summary>
    void Forget(Guid userId);
}

public interface ICurrentUser
{
    Guid? Id { get; }

    string? Name { get; }

    /// <summary>The API token the request was made with, or null for a signed-in person (or no one).</summary>
    Guid? ApiTokenId { get; }

    bool IsInRole(string role);
}

public interface IPasswordHasher
{
    string Hash(string password);

    /// <summary>Verifies a password; <paramref name="rehashed"/> is set when the stored hash should be upgraded.</summary>
    bool Verify(string hash, string password, out string? rehashed);
}

/// <summary>Issues signed access tokens (JWT).</summary>
public interface IAccessTokenIssuer
{
    TimeSpan Lifetime { get; }

    string Issue(User user);
}
