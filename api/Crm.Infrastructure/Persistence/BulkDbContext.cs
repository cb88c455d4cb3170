using Crm.Application.Common;
using Microsoft.EntityFrameworkCore;

namespace Crm.Infrastructure.Persistence;

/// <summary>
/// <see cref="IBulkDbContext"/>: a <see cref="CrmDbContext"/> configured as the request pool's (same model, naming and
/// interceptors) on <see cref="BulkDataSource"/>; created when a handler opens it, disposed with the request's scope.
/// </summary>
public sealed class BulkDbContext(BulkDbContext.Options options) : IBulkDbContext, IAsyncDisposable, IDisposable
{
    private CrmDbContext? db;

    public async ValueTask<ICrmDbContext> OpenAsync(CancellationToken ct)
    {
        db ??= new CrmDbContext(options.Value);
        try
        {
            // Opened here, EF Core keeps the connection for every query of the context until it is disposed.
            await db.Database.OpenConnectionAsync(ct);
        }
        catch (Exception e) when (BulkDataSource.IsExhausted(e)) // EF Core wraps it (a transient failure)
        {
            throw new BulkWorkBusyException(e);
        }

        return db;
    }

    public ValueTask DisposeAsync() => db?.DisposeAsync() ?? ValueTask.CompletedTask;

    public void Dispose() => db?.Dispose();

    /// <summary>The context options on the bulk pool, built once.</summary>
    public sealed record Options(DbContextOptions<CrmDbContext> Value);
}
