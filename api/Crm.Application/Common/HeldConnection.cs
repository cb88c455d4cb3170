using Microsoft.EntityFrameworkCore;

namespace Crm.Application.Common;

/// <summary>
/// Keeps the context's connection open until disposed, for a request that runs several statements (a search:
/// corrections, counts, postings, the page). EF Core and <see cref="RawQuery"/> find it open and leave it so. Returned to
/// the pool between statements, the request queued for a connection before each one, behind every request in flight,
/// so those with the most statements (searches of two words or more) waited longest.
/// </summary>
public sealed class HeldConnection : IAsyncDisposable
{
    private readonly ICrmDbContext db;

    private HeldConnection(ICrmDbContext db) => this.db = db;

    public static async Task<HeldConnection> OpenAsync(ICrmDbContext db, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        return new HeldConnection(db);
    }

    public async ValueTask DisposeAsync() => await db.Database.CloseConnectionAsync();
}
