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
    /// Reads the rows of <paramref name="sql"/>. Outside a transaction of ours, <paramref name="planning"/> other than
    /// <see cref="Planning.Default"/> runs the statement under those settings, made for its own implicit transaction
    /// only (see <see cref="Planning"/>).
    /// </summary>
    public static async Task<List<T>> ListAsync<T>(
        ICrmDbContext db, string sql, IEnumerable<NpgsqlParameter> parameters, Func<NpgsqlDataReader, T> read, Planning planning, CancellationToken ct)
    {
        if ((uint)planning >= SettingsOf.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(planning), planning, "Not a combination of Planning's flags.");
        }

        if (planning.HasFlag(Planning.Generic) && planning.HasFlag(Planning.Custom))
        {
            throw new ArgumentException("A statement is planned either once or for each call.", nameof(planning));
        }

        await using var batch = Batch(db);
        // Within one batch and no transaction of ours, the settings last until the batch's end (set_config's
        // is_local; SET LOCAL would do the same but warn in the server log on every call).
        // In a transaction (ours, or an ambient one the connection enlisted in) they would last until its end.
        var settings = batch.Transaction is null && System.Transactions.Transaction.Current is null ? SettingsOf[(int)planning] : null;
        if (settings is not null)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(settings));
        }

        var command = new NpgsqlBatchCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(parameter);
        }

        batch.BatchCommands.Add(command);
        return await ExecuteAsync(db, batch, async reader =>
        {
            if (settings is not null)
            {
                await reader.NextResultAsync(ct);
            }

            var rows = new List<T>();
            while (await reader.ReadAsync(ct))
            {
                rows.Add(read(reader));
            }

            return rows;
        }, ct);
    }

    /// <summary>
    /// An empty batch on the context's connection, in the context's transaction when it has one, with the context's
    /// command timeout when it sets one (SetCommandTimeout), else the connection string's, as EF Core does.
    /// </summary>
    public static NpgsqlBatch Batch(ICrmDbContext db)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        return new NpgsqlBatch(connection, db.Database.CurrentTransaction?.GetDbTransaction() as NpgsqlTransaction)
        {
            Timeout = db.Database.GetCommandTimeout() ?? connection.CommandTimeout,
        };
    }

    /// <summary>
    /// Runs a <see cref="Batch"/> and reads its results with <paramref name="read"/>, the connection opened and closed
    /// around it as EF Core does (left open when it already was: a transaction, a <see cref="HeldConnection"/>).
    /// </summary>
    public static async Task<T> ExecuteAsync<T>(ICrmDbContext db, NpgsqlBatch batch, Func<NpgsqlDataReader, Task<T>> read, CancellationToken ct)
    {
        var open = batch.Connection!.State != ConnectionState.Open;
        if (open)
        {
            await db.Database.OpenConnectionAsync(ct);
        }

        try
        {
            await using var reader = await batch.ExecuteReaderAsync(ct);
            return await read(reader);
        }
        finally
        {
            if (open)
            {
                await db.Database.CloseConnectionAsync();
            }
        }
    }

    // The settings of each combination of Planning's flags, as one statement.
    private static readonly string?[] SettingsOf = Enumerable.Range(0, 8).Select(i => Settings((Planning)i)).ToArray();

    private static string? Settings(Planning planning)
    {
        var settings = new List<string>(2);
        if (planning.HasFlag(Planning.Generic) || planning.HasFlag(Planning.Custom))
        {
            settings.Add($"set_config('plan_cache_mode', '{(planning.HasFlag(Planning.Generic) ? "force_generic_plan" : "force_custom_plan")}', true)");
        }

        if (planning.HasFlag(Planning.Serial))
        {
            settings.Add("set_config('max_parallel_workers_per_gather', '0', true)");
        }

        return settings.Count == 0 ? null : "SELECT " + string.Join(", ", settings);
    }
}

/// <summary>
/// How PostgreSQL plans a <see cref="RawQuery"/> statement. Npgsql prepares a statement at its fifth use on a connection
/// (auto-prepare, on unless the connection string sets <c>Max Auto Prepare=0</c>); until then each call is planned for
/// its values whatever the setting.
/// </summary>
[Flags]
public enum Planning
{
    /// <summary>
    /// PostgreSQL's choice: five plans for the call's values, then one plan for all values when it does not look
    /// dearer than their average. Right for statements whose best plan does not depend on the values (the search's
    /// corrections of a word).
    /// </summary>
    Default = 0,

    /// <summary>
    /// One plan per connection, for statements that PostgreSQL, left to choose, plans again for every call's values
    /// although one plan serves them all (a one-word search's postings).
    /// </summary>
    Generic = 1,

    /// <summary>
    /// A plan for every call's values, for statements whose best plan depends on them: PostgreSQL prices a generic plan
    /// on average values and may keep it. The search's intersection of two words did: after five calls it kept a
    /// parallel hash join of all of one word's postings, 48–108 ms where the merge its own plans chose took 2 ms
    /// ("wron wspolnicy", 2.1M customers).
    /// </summary>
    Custom = 2,

    /// <summary>
    /// No parallel workers. For statements meant to stop early in an index's order, where PostgreSQL's misjudged row
    /// counts can make a parallel plan look cheaper: "serr sitges" got a parallel hash join reading every posting of
    /// both words, 112 ms, where the merge join stops at the page's last match, 9 ms.
    /// </summary>
    Serial = 4,
}
