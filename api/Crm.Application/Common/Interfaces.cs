using Crm.Domain.Audit;
using Crm.Domain.CustomFields;
using Crm.Domain.Customers;
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

    /// <summary>For the few set-based statements LINQ cannot say (jsonb key removal, bulk merges).</summary>
    DatabaseFacade Database { get; }

    EntityEntry<TEntity> Entry<TEntity>(TEntity entity)
        where TEntity : class;

    Task<int> SaveChangesAsync(CancellationToken cancellationToken = default);
}

/// <summary>Who is making the request.</summary>
public interface ICurrentUser
{
    Guid? Id { get; }

    string? Name { get; }

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
