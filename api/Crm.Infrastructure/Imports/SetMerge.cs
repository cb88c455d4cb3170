using System.Diagnostics;
using Crm.Application.Common;
using Crm.Infrastructure.Persistence;
using Npgsql;
using NpgsqlTypes;

namespace Crm.Infrastructure.Imports;

/// <summary>Row counts of a finished (or dry-run) merge.</summary>
public sealed record ImportCounts(long Inserted, long Updated, long Unchanged, long Duplicates, long Rejected);

/// <summary>
/// The set-based merge of a staged job into its table, in the caller's transaction: classify every row
/// (duplicate within the file, rejected with a reason, inserted, updated, unchanged) with a handful of
/// UPDATE … FROM statements, then — unless it is a dry run — one INSERT … SELECT, one UPDATE … FROM,
/// the search postings and words of the new rows (built by parallel queries), and one audit row per record
/// written. No per-row round trips. The new rows' search postings and words are split on a second connection
/// meanwhile (<see cref="PrepareAsync"/>), so that work overlaps the insert instead of following it.
/// </summary>
public static class SetMerge
{
    /// <summary>
    /// A staged row (alias <c>s</c>) to insert, once classified: it is still pending (NULL status) and has no target.
    /// The rows to update or leave are marked 'updated' and 'unchanged', the others 'duplicate' or 'rejected'.
    /// </summary>
    private const string Inserted = "s.status IS NULL";

    /// <summary>The words of the search texts of a row source named <c>changed</c> (<see cref="SearchWordSql"/>), as <c>w</c>.</summary>
    private const string Split = $"{SearchWordSql.From} WHERE {SearchWordSql.Where}";

    /// <summary>Where a reason (a parameter, worded in the job's language) takes the line number a statement fills in.</summary>
    private const string LineMark = "'{line}'";

    /// <summary>
    /// The tables <see cref="PrepareAsync"/> fills for a job, unlogged, outside the merge's transaction: its postings
    /// (when the target has them) and its words. The merge drops them; so does the worker's clean-up after a failure.
    /// </summary>
    public static (string Postings, string Words) PreparedTables(Guid jobId) => ($"import_postings_{jobId:N}", $"import_words_{jobId:N}");

    /// <summary>
    /// Merges a staged job in <paramref name="transaction"/>. <paramref name="helper"/> opens a second connection for
    /// work that may run beside the merge (null: everything on <paramref name="connection"/>). <paramref name="step"/>
    /// hears each statement's time; <paramref name="failed"/> what went wrong beside the merge without failing it (the
    /// merge then splits the postings itself, or reads them unmarked); <paramref name="reached"/> each of <see cref="Domain.Imports.MergeSteps"/>
    /// after checking, as the merge starts it.
    /// </summary>
    public static async Task<ImportCounts> RunAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IImportTarget target, ImportPlan plan,
        Func<CancellationToken, ValueTask<NpgsqlConnection>>? helper, Action<string, TimeSpan> step, Action<string, Exception> failed,
        Func<string, Task> reached, CancellationToken ct)
    {
        using var helping = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var classified = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var prepared = helper is not null && !plan.DryRun ? PrepareAsync(helper, target, plan, classified.Task, step, failed, helping.Token) : null;
        try
        {
            return await MergeAsync(connection, transaction, target, plan, classified, prepared, step, reached, ct);
        }
        catch when (prepared is not null)
        {
            // Not left running: the caller's clean-up drops the tables, which must not be created after it.
            await helping.CancelAsync();
            await prepared;
            throw;
        }
    }

    private static async Task<ImportCounts> MergeAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IImportTarget target, ImportPlan plan, TaskCompletionSource classified, Task<Prepared?>? prepared,
        Action<string, TimeSpan> step, Func<string, Task> reached, CancellationToken ct)
    {
        var spec = target.Merge;
        var t = target.StagingTable;
        var x = spec.Table;
        var key = plan.MatchKeyColumn;
        var upsert = plan.Mode == Domain.Imports.ImportMode.Upsert;
        // Fresh staging rows have no statistics; without them the planner expects one row and the
        // self-joins below become nested loops (27 s for 8,469 rows instead of milliseconds).
        var statements = new List<MergeSql> { $"ANALYZE {t}" };
        var language = plan.Language;
        statements.AddRange(spec.PreparationSql(plan));
        const string Pending = "s.job_id = @job AND s.status IS NULL";

        var uniqueFed = spec.UniqueKeys.Where(u => plan.MappedColumns.Contains(u.Key) || plan.DefaultedColumns.Contains(u.Key)).ToList();
        if (upsert)
        {
            statements.Add(new($"""
                UPDATE {t} s SET status = 'duplicate', error = replace(@reason, {LineMark}, d.last::text)
                FROM (SELECT {key} AS k, max(line) AS last FROM {t} WHERE job_id = @job AND status IS NULL AND {key} IS NOT NULL GROUP BY {key} HAVING count(*) > 1) d
                WHERE {Pending} AND s.{key} = d.k AND s.line < d.last
                """, ("reason", Texts.Format("import.superseded", language, ("field", Wire(spec, key))))));
            statements.Add($"UPDATE {t} s SET target_id = x.id FROM {x} x WHERE {Pending} AND x.{key} = s.{key}");
            statements.Add(new($"""
                UPDATE {t} s SET status = 'rejected', error = @reason
                FROM {x} x WHERE {Pending} AND x.id = s.target_id AND x.archived_at IS NOT NULL
                """, ("reason", Texts.Get(spec.Noun == "contact" ? "batch.archived.contact" : "batch.archived.customer", language))));
        }

        foreach (var (column, wire) in uniqueFed)
        {
            if (upsert && column == key)
            {
                continue;
            }

            // A value only a default gives is written to new records only: the rows that update are not checked.
            var defaultOnly = !plan.MappedColumns.Contains(column);
            var onlyNew = defaultOnly ? " AND target_id IS NULL" : string.Empty;
            var onlyNewS = defaultOnly ? " AND s.target_id IS NULL" : string.Empty;
            // The first row keeps a value in an insert; in an upsert the last row wins, as for the key.
            statements.Add(new($"""
                UPDATE {t} s SET status = 'rejected', error = replace(@reason, {LineMark}, d.keep::text)
                FROM (SELECT {column} AS k, {(upsert ? "max" : "min")}(line) AS keep FROM {t} WHERE job_id = @job AND status IS NULL AND {column} IS NOT NULL{onlyNew} GROUP BY {column} HAVING count(*) > 1) d
                WHERE {Pending} AND s.{column} = d.k AND s.line <> d.keep{onlyNewS}
                """, ("reason", Texts.Format("import.sameAsLine", language, ("field", wire)))));
            statements.Add(new($"""
                UPDATE {t} s SET status = 'rejected', error = @reason
                FROM {x} x WHERE {Pending} AND s.{column} IS NOT NULL AND x.{column} = s.{column} AND x.id IS DISTINCT FROM s.target_id{onlyNewS}
                """, ("reason", Texts.Format(spec.Noun == "contact" ? "batch.taken.contact" : "batch.taken.customer", language, ("field", wire)))));
        }

        var compared = plan.MappedColumns.Where(c => c != key || !upsert).ToList();
        if (upsert && (compared.Count > 0 || plan.MapsCustomFields))
        {
            var changed = new List<string>();
            if (compared.Count > 0)
            {
                changed.Add($"ROW({string.Join(", ", compared.Select(c => "x." + c))}) IS DISTINCT FROM ROW({string.Join(", ", compared.Select(c => Updated(spec, c)))})");
            }

            if (plan.MapsCustomFields)
            {
                changed.Add("x.custom_fields IS DISTINCT FROM jsonb_strip_nulls(x.custom_fields || s.custom_fields)");
            }

            statements.Add($"UPDATE {t} s SET status = 'updated' FROM {x} x WHERE {Pending} AND x.id = s.target_id AND ({string.Join(" OR ", changed)})");
        }

        // What is still pending is to be inserted (no target) or is unchanged. Only the unchanged rows are marked: the
        // rows to insert keep their NULL status (Inserted), which spares rewriting every staged row of a big insert
        // (4.8–9.5 s of a million-row import).
        if (upsert)
        {
            statements.Add($"UPDATE {t} s SET status = 'unchanged' WHERE {Pending} AND s.target_id IS NOT NULL");
        }

        foreach (var sql in statements)
        {
            var started = Stopwatch.GetTimestamp();
            await ExecuteAsync(connection, transaction, sql.Text, plan, ct, sql.Parameters);
            step(sql.Text.Split('\n')[0].Trim(), Stopwatch.GetElapsedTime(started));
        }

        classified.TrySetResult();

        if (!plan.DryRun)
        {
            var started = Stopwatch.GetTimestamp();
            await WriteAsync(connection, transaction, target, plan, compared, prepared, step, reached, ct);
            step("writes", Stopwatch.GetElapsedTime(started));
        }

        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        await using (var command = new NpgsqlCommand($"SELECT status, count(*) FROM {t} WHERE job_id = @job GROUP BY status", connection, transaction))
        {
            command.Parameters.AddWithValue("job", plan.JobId);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                counts[reader.IsDBNull(0) ? "inserted" : reader.GetString(0)] = reader.GetInt64(1);
            }
        }

        long Count(string status) => counts.GetValueOrDefault(status);
        return new ImportCounts(Count("inserted"), Count("updated"), Count("unchanged"), Count("duplicate"), Count("rejected"));
    }

    private static async Task WriteAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IImportTarget target, ImportPlan plan, List<string> updated, Task<Prepared?>? prepared,
        Action<string, TimeSpan> step, Func<string, Task> reached, CancellationToken ct)
    {
        await reached(Domain.Imports.MergeSteps.Writing);
        var started = Stopwatch.GetTimestamp();
        var spec = target.Merge;
        var t = target.StagingTable;
        var x = spec.Table;
        // GIN indexes (trigram search text, tags, custom fields) take new rows into their pending list and
        // merge it in sorted batches; a big list turns a million single-row index inserts into a few bulk ones.
        // Statistics again, now that the rows have their status: the ones taken before classifying count every row as
        // pending, so the planner would expect no row to update and every row to insert, whatever the file holds.
        // Query compilation, which the API's connections leave off, is on for these statements over every staged
        // row: splitting a million rows' postings took 20.4 s with it and 23.4 s without (one import each).
        await ExecuteAsync(connection, transaction, $"SET LOCAL jit = on; SET LOCAL gin_pending_list_limit = '256MB'; SET LOCAL work_mem = '256MB'; ANALYZE {t}", plan, ct);
        var columns = string.Join(", ", spec.InsertColumns);
        var selected = string.Join(", ", spec.InsertColumns.Select(c => spec.InsertFallbacks?.GetValueOrDefault(c) is { } fallback ? $"COALESCE(s.{c}, {fallback})" : "s." + c));
        var postings = spec.SearchPostingsTable;
        await ExecuteAsync(connection, transaction, $"""
            {(postings is null ? string.Empty : "SET LOCAL crm.search_postings = 'deferred';")}
            INSERT INTO {x} (id, {columns}, custom_fields, search_text, created_at, updated_at)
            SELECT s.id, {selected}, jsonb_strip_nulls(s.custom_fields), s.search_text, now(), now()
            FROM {t} s WHERE s.job_id = @job AND {Inserted};
            {(postings is null ? string.Empty : "SET LOCAL crm.search_postings = 'immediate';")}
            """, plan, ct);
        step($"INSERT INTO {x}", Stopwatch.GetElapsedTime(started));
        started = Stopwatch.GetTimestamp();

        var assignments = updated.Select(c => $"{c} = {Updated(spec, c)}").ToList();
        if (plan.MapsCustomFields)
        {
            assignments.Add("custom_fields = jsonb_strip_nulls(x.custom_fields || s.custom_fields)");
        }

        var refreshSearch = assignments.Count > 0 && spec.SearchColumns.Any(plan.MappedColumns.Contains);
        if (assignments.Count > 0)
        {
            var sql = $"""
                UPDATE {x} x SET {string.Join(", ", assignments)}, updated_at = now()
                FROM {t} s WHERE s.job_id = @job AND s.status = 'updated' AND x.id = s.target_id
                {(refreshSearch ? $"RETURNING x.id, {string.Join(", ", spec.SearchColumns.Select(c => "x." + c))}" : string.Empty)}
                """;
            if (refreshSearch)
            {
                await RefreshSearchTextAsync(connection, transaction, spec, sql, plan, ct);
            }
            else
            {
                await ExecuteAsync(connection, transaction, sql, plan, ct);
            }
        }

        step($"UPDATE {x}", Stopwatch.GetElapsedTime(started));

        await reached(Domain.Imports.MergeSteps.Indexing);
        started = Stopwatch.GetTimestamp();

        var ready = prepared is null ? null : await prepared;
        if (postings is not null && ready?.Postings is { } preparedPostings)
        {
            // Prepared for every row valid when staged. When the merge inserted all of them (it only ever marks pending
            // rows, so equal counts mean the same rows) they all go in; otherwise a semi-join leaves out those it has
            // since marked duplicate, rejected, updated or unchanged (5–13 s more for a million rows' postings).
            var all = ready.Pending == await Scalar<long>(connection, transaction, $"SELECT count(*) FROM {t} s WHERE s.job_id = @job AND {Inserted}", plan, ct);
            await ExecuteAsync(connection, transaction, $"""
                INSERT INTO {postings} (word, name, id)
                SELECT p.word, p.name, p.id FROM {preparedPostings} p
                {(all ? string.Empty : $"WHERE EXISTS (SELECT 1 FROM {t} s WHERE s.job_id = @job AND s.id = p.id AND {Inserted})")};
                DROP TABLE {preparedPostings}
                """, plan, ct);
            step($"INSERT INTO {postings} (prepared{(all ? string.Empty : ", less the rows turned away")})", Stopwatch.GetElapsedTime(started));
            started = Stopwatch.GetTimestamp();
        }
        else if (postings is not null)
        {
            // The insert trigger would split and sort the new rows' postings on one core (about 100 s of a million-row
            // import); a CREATE TABLE AS runs that query on parallel workers, and the postings then go into the index in
            // its order.
            await ExecuteAsync(connection, transaction, $"CREATE TEMP TABLE import_postings ON COMMIT DROP AS {PostingsOf(t)}", plan, ct);
            step("postings of the inserted rows", Stopwatch.GetElapsedTime(started));
            started = Stopwatch.GetTimestamp();
            await ExecuteAsync(connection, transaction, $"INSERT INTO {postings} (word, name, id) SELECT word, name, id FROM import_postings; DROP TABLE import_postings", plan, ct);
            step($"INSERT INTO {postings}", Stopwatch.GetElapsedTime(started));
            started = Stopwatch.GetTimestamp();
        }

        // The words of the new search texts join the list search corrects misspellings against; split as
        // SearchText.Words splits them. The inserted rows' words go through a table first: a CREATE TABLE AS may run
        // on parallel workers, an INSERT … SELECT never does, nor a query reading a temporary table (import_search:
        // the refreshed texts of updated rows, added after). Prepared alongside, they are the words of every row valid
        // when staged, so the list may also get those of rows the merge turned away (duplicates, keys taken): the list
        // only grows, and a failed save may leave words behind as well (SearchWordsInterceptor).
        var words = ready?.Words ?? "import_words";
        await ExecuteAsync(connection, transaction, $"""
            {(ready is null ? $"CREATE TEMP TABLE import_words ON COMMIT DROP AS {WordsOf(t)};" : string.Empty)}
            {(refreshSearch ? $"INSERT INTO {words} SELECT w FROM import_search AS changed, {Split};" : string.Empty)}
            INSERT INTO search_words (word) SELECT DISTINCT w FROM {words} ORDER BY w ON CONFLICT DO NOTHING;
            DROP TABLE {words}
            """, plan, ct);
        step(ready is null ? "INSERT INTO search_words" : "INSERT INTO search_words (prepared)", Stopwatch.GetElapsedTime(started));

        await reached(Domain.Imports.MergeSteps.Auditing);
        started = Stopwatch.GetTimestamp();
        // One audit row per record written, naming the job (its file, mapping and actor are on the job). The actor's name
        // and the changes are the same for every row: as subqueries they are computed once, not a million times.
        await ExecuteAsync(connection, transaction, $"""
            INSERT INTO audit_entries (id, occurred_at, actor_id, actor_name, action, entity_type, entity_id, changes, trace_id)
            SELECT crm_uuid_v7(), now(), @actor, (SELECT u.name FROM users u WHERE u.id = @actor), CASE WHEN {Inserted} THEN 'created' ELSE 'updated' END, @entityType,
                   coalesce(s.target_id, s.id), (SELECT jsonb_build_object('import', jsonb_build_object('before', null, 'after', @job::text))), NULL
            FROM {t} s WHERE s.job_id = @job AND ({Inserted} OR s.status = 'updated')
            """, plan, ct, ("entityType", spec.AuditEntityType));
        step("INSERT INTO audit_entries", Stopwatch.GetElapsedTime(started));
    }

    /// <summary>The distinct words (w) of the job's pending staged rows, as <see cref="SearchWordSql"/> splits them.</summary>
    private static string WordsOf(string staging) =>
        $"SELECT w FROM (SELECT search_text FROM {staging} s WHERE s.job_id = @job AND {Inserted}) AS changed, {Split} GROUP BY w";

    /// <summary>
    /// The postings (word, name, id) of the job's pending staged rows, in the index's order, split into the words the
    /// triggers use (crm_search_posting_words; migration SearchPostingsInBulk).
    /// </summary>
    private static string PostingsOf(string staging) => $"""
        SELECT DISTINCT w COLLATE "C" AS word, s.name COLLATE {Persistence.NameOrder.Collation} AS name, s.id
        FROM {staging} s, crm_search_posting_words(s.search_text) AS w
        WHERE s.job_id = @job AND {Inserted}
        ORDER BY 1, 2, 3
        """;

    /// <summary>
    /// Splits the search postings (sorted in the index's order) and words of every row that was valid when staged into
    /// unlogged tables, on its own connection while the merge inserts: about a quarter of a million-row import's merge,
    /// which otherwise waits for it (the staged rows are committed, so this connection sees them). Null when no second
    /// connection could be had or a statement failed: the merge then splits them itself. It waits for the rows to be
    /// classified: beside those statements, which read every staged row too, it slowed them by more than it gained
    /// (a million rows: 17 s instead of 7, bench/results/2026-12-05-2032-1000000.md). It runs on one process, without
    /// parallel workers: it is there to use the core the merge's insert leaves idle, and with workers it took that
    /// one's too (a million rows into the 2M-row dev database: the insert took 173 s beside it instead of 113 s).
    /// </summary>
    private static async Task<Prepared?> PrepareAsync(
        Func<CancellationToken, ValueTask<NpgsqlConnection>> open, IImportTarget target, ImportPlan plan, Task classified, Action<string, TimeSpan> step,
        Action<string, Exception> failed, CancellationToken ct)
    {
        var tables = PreparedTables(plan.JobId);
        var postings = target.Merge.SearchPostingsTable is null ? null : tables.Postings;
        var started = Stopwatch.GetTimestamp();
        try
        {
            await classified.WaitAsync(ct);
            started = Stopwatch.GetTimestamp();
            await using var connection = await open(ct);
            await using var transaction = await connection.BeginTransactionAsync(ct);
            await ExecuteAsync(connection, transaction, $"""
                SET LOCAL jit = on; SET LOCAL work_mem = '256MB'; SET LOCAL max_parallel_workers_per_gather = 0;
                DROP TABLE IF EXISTS {tables.Postings}, {tables.Words};
                {(postings is null ? string.Empty : $"CREATE UNLOGGED TABLE {postings} AS {PostingsOf(target.StagingTable)}; ANALYZE {postings};")}
                CREATE UNLOGGED TABLE {tables.Words} AS {WordsOf(target.StagingTable)}
                """, plan, ct);
            var pending = await Scalar<long>(connection, transaction, $"SELECT count(*) FROM {target.StagingTable} s WHERE s.job_id = @job AND {Inserted}", plan, ct);
            await transaction.CommitAsync(ct);
            await SetHintBitsAsync(connection, postings is null ? [tables.Words] : [postings, tables.Words], failed, ct);
            step("search postings and words of the staged rows (alongside)", Stopwatch.GetElapsedTime(started));
            return new Prepared(postings, tables.Words, pending);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The merge failed or the worker is stopping (RunAsync cancels this): nothing to tell beyond that.
            step("search postings and words of the staged rows (alongside) cancelled", Stopwatch.GetElapsedTime(started));
            return null;
        }
        catch (Exception e)
        {
            // Whatever went wrong here, the merge does the work itself in its own transaction.
            failed("the search postings and words could not be split beside the merge; the merge splits them itself", e);
            return null;
        }
    }

    /// <summary>
    /// The first reader of a row after its transaction committed marks it so (hint bits), page by page. A VACUUM here,
    /// on the core the merge's insert leaves idle, does that instead of the merge's read of the postings: for a million
    /// rows' 7.7M postings the insert from them took 33.3 s once marked against 34.6–38.5 s (VACUUM: 0.9 s). If it
    /// fails the tables are whole all the same: the merge only reads them unmarked.
    /// </summary>
    private static async Task SetHintBitsAsync(NpgsqlConnection connection, string[] tables, Action<string, Exception> failed, CancellationToken ct)
    {
        try
        {
            // Its own command, outside any transaction: VACUUM cannot run in one.
            await using var command = new NpgsqlCommand($"VACUUM {string.Join(", ", tables)}", connection) { CommandTimeout = 0 };
            await command.ExecuteNonQueryAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            failed("the VACUUM of the postings and words split beside the merge failed; the merge reads them unmarked", e);
        }
    }

    /// <summary>Search text is folded in .NET (the same code as the API), so updated rows come back, are folded, and are written with COPY.</summary>
    private static async Task RefreshSearchTextAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, MergeSpec spec, string updateSql, ImportPlan plan, CancellationToken ct)
    {
        await ExecuteAsync(connection, transaction, "CREATE TEMP TABLE IF NOT EXISTS import_search (id uuid, search_text text) ON COMMIT DROP", plan, ct);
        var folded = new List<(Guid Id, string Text)>();
        await using (var command = new NpgsqlCommand(updateSql, connection, transaction))
        {
            AddParameters(command, plan);
            await using var reader = await command.ExecuteReaderAsync(ct);
            var values = new object?[spec.SearchColumns.Count];
            while (await reader.ReadAsync(ct))
            {
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = reader.IsDBNull(i + 1) ? null : reader.GetValue(i + 1);
                }

                folded.Add((reader.GetGuid(0), spec.SearchText(values)));
            }
        }

        await using (var copy = await connection.BeginBinaryImportAsync("COPY import_search (id, search_text) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var (id, text) in folded)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(id, NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(text, NpgsqlDbType.Text, ct);
            }

            await copy.CompleteAsync(ct);
        }

        await ExecuteAsync(connection, transaction, $"UPDATE {spec.Table} x SET search_text = t.search_text FROM import_search t WHERE x.id = t.id", plan, ct);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, ImportPlan plan, CancellationToken ct, params (string Name, object Value)[] extra)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = 0 };
        AddParameters(command, plan);
        foreach (var (name, value) in extra)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task<T> Scalar<T>(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, ImportPlan plan, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        AddParameters(command, plan);
        return (T)(await command.ExecuteScalarAsync(ct))!;
    }

    private static void AddParameters(NpgsqlCommand command, ImportPlan plan)
    {
        command.CommandTimeout = 0;
        command.Parameters.AddWithValue("job", plan.JobId);
        command.Parameters.Add(new NpgsqlParameter("actor", NpgsqlDbType.Uuid) { Value = (object?)plan.ActorId ?? DBNull.Value });
    }

    /// <summary>The tables <see cref="PrepareAsync"/> filled (postings: null when the target has none), and the pending rows they hold.</summary>
    private sealed record Prepared(string? Postings, string Words, long Pending);

    /// <summary>A column's value after an update (alias <c>s</c> the staged row, <c>x</c> the record): the staged one, or the record's for a NULL in a column that cannot be empty.</summary>
    private static string Updated(MergeSpec spec, string column) =>
        spec.InsertFallbacks?.ContainsKey(column) == true ? $"COALESCE(s.{column}, x.{column})" : "s." + column;

    private static string Wire(MergeSpec spec, string column) =>
        spec.UniqueKeys.TryGetValue(column, out var wire) ? wire : column;
}
