using Crm.Application.Common;
using Npgsql;

namespace Crm.Infrastructure.Persistence;

/// <summary>
/// A second, small pool of connections for work that holds one for as long as it runs, however long its client
/// takes: an upload while its body streams into staging, an import merge, an export or the download of an import's
/// rejected rows (<see cref="BulkDbContext"/> for EF Core). Such work also uses the request pool for short statements
/// while it holds its own connection (an upload records its job); were both from one pool, a few uploads at once
/// could take every connection and wait for one another until the pool's Timeout, and every other request with them.
/// Here requests never wait for bulk work, and bulk work waits only for its own kind. Same database and settings as
/// the request pool; its size is <see cref="Size"/> unless the configuration sets <c>Database:BulkPoolSize</c>.
/// </summary>
public sealed class BulkDataSource(NpgsqlDataSource dataSource)
{
    /// <summary>One connection per core, at least two: bulk statements are long and keep a core busy each.</summary>
    public static int Size => Math.Max(2, Environment.ProcessorCount);

    public NpgsqlDataSource DataSource { get; } = dataSource;

    /// <summary>A bulk connection; <see cref="BulkWorkBusyException"/> when every one stays in use for as long as the pool waits.</summary>
    public async ValueTask<NpgsqlConnection> OpenConnectionAsync(CancellationToken ct)
    {
        try
        {
            return await DataSource.OpenConnectionAsync(ct);
        }
        catch (Exception e) when (IsExhausted(e))
        {
            throw new BulkWorkBusyException(e);
        }
    }

    /// <summary>
    /// Npgsql's error when no pooled connection came free within the pool's Timeout, also as the inner exception EF Core
    /// wraps it in. The same type as a failed connection: only its message tells them apart (a test pins it against the
    /// Npgsql in use).
    /// </summary>
    public static bool IsExhausted(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is NpgsqlException && e.Message.StartsWith("The connection pool has been exhausted", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
