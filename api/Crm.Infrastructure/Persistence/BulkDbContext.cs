using Crm.Application.Common;
using Microsoft.EntityFrameworkCore;

namespace Crm.Infrastructure.Persistence;

/// <summary>
/// <see cref="IBulkDbContext"/>: a <see cref="CrmDbContext"/> configured as the request pool's (same model, naming and
/// interceptors) on <see cref="BulkDataSource"/>; created on first use, disposed with the request's scope.
/// </summary>
public sealed class BulkDbContext(BulkDbContext.Options options) : IBulkDbContext, IAsyncDisposable, IDisposable
{
    private CrmDbContext? db;

    public ICrmDbContext Db => db ??= new CrmDbContext(options.Value);

    public ValueTask DisposeAsync() => db?.DisposeAsync() ?? ValueTask.CompletedTask;

    public void Dispose() => db?.Dispose();

    /// <summary>The context options on the bulk pool, built once.</summary>
    public sealed record Options(DbContextOptions<CrmDbContext> Value);
}
