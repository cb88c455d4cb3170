using Crm.Application.Common;
using Microsoft.EntityFrameworkCore;

namespace Crm.Infrastructure.Persistence;

/// <summary>
/// <see cref="IBulkDbContext"/>: a <see cref="CrmDbContext"/> configured as the request pool's (same model, naming and
/// interceptors) on a connection from <see cref="BulkDataSource"/>; created when a handler opens it, disposed (with the
/// connection) with the request's scope.
/// </summary>
public sealed class BulkDbContext(BulkDbContext.Options options, BulkDataSource bulk) : IBulkDbContext, IAsyncDisposable, IDisposable
{
    private CrmDbContext? db;

    public async ValueTask<ICrmDbContext> OpenAsync(CancellationToken ct)
    {
        if (db is null)
        {
            // Already open, the connection serves every query of the context until the context disposes it.
            var connection = await bulk.OpenConnectionAsync(ct);
            db = new CrmDbContext(options.Value);
            db.Database.SetDbConnection(connection, contextOwnsConnection: true);
        }

        return db;
    }

    public ValueTask DisposeAsync() => db?.DisposeAsync() ?? ValueTask.CompletedTask;

    public void Dispose() => db?.Dispose();

    /// <summary>The context options on the bulk pool, built once.</summary>
    public sealed record Options(DbContextOptions<CrmDbContext> Value);
}
