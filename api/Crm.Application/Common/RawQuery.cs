using System.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Crm.Application.Common;

/// <summary>
/// Runs a hand-written statement on the context's connection and reads its rows with a delegate, without EF
/// Core's query pipeline (<c>SqlQueryRaw</c> prepares a LINQ query around the SQL on every call). The connection is
/// opened and closed around the statement, as EF Core does, inside the context's transaction when it has one.
/// </summary>
public static class RawQuery
{
    /// <summary>
    /// Reads the rows of <paramref name="sql"/>. With <paramref name="genericPlan"/> (outside a transaction), the
    /// statement runs under <c>plan_cache_mode = force_generic_plan</c>, set for its own implicit transaction only:
    /// once Npgsql has prepared it, PostgreSQL plans it once per connection. For statements that PostgreSQL, left to
    /// choose, plans again for every call's values although one plan serves them all (a one-word search's postings).
    /// </summary>
    public static async Task<List<T>> ListAsync<T>(
        ICrmDbContext db, string sql, IEnumerable<NpgsqlParameter> parameters, Func<NpgsqlDataReader, T> read, bool genericPlan, CancellationToken ct)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var open = connection.State != ConnectionState.Open;
        if (open)
        {
            await db.Database.OpenConnectionAsync(ct);
        }

        try
        {
            var transaction = db.Database.CurrentTransaction?.GetDbTransaction() as NpgsqlTransaction;
            await using var batch = new NpgsqlBatch(connection, transaction)
            {
                // The context's timeout when it sets one (SetCommandTimeout), else the connection string's, as EF Core does.
                Timeout = db.Database.GetCommandTimeout() ?? connection.CommandTimeout,
            };
            // Within one batch and no transaction of ours, the setting lasts until the batch's end (set_config's
            // is_local; SET LOCAL would do the same but warn in the server log on every call).
            var generic = genericPlan && transaction is null;
            if (generic)
            {
                batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT set_config('plan_cache_mode', 'force_generic_plan', true)"));
            }

            var command = new NpgsqlBatchCommand(sql);
            foreach (var parameter in parameters)
            {
                command.Parameters.Add(parameter);
            }

            batch.BatchCommands.Add(command);
            await using var reader = await batch.ExecuteReaderAsync(ct);
            if (generic)
            {
                await reader.NextResultAsync(ct);
            }

            var rows = new List<T>();
            while (await reader.ReadAsync(ct))
            {
                rows.Add(read(reader));
            }

            return rows;
        }
        finally
        {
            if (open)
            {
                await db.Database.CloseConnectionAsync();
            }
        }
    }
}
