using System.Globalization;
using System.Text.Json;
using Crm.Application.Common;
using Crm.Domain.Imports;
using Crm.Infrastructure.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Crm.Infrastructure.Imports;

/// <summary>
/// Merges staged imports. A job is claimed with a transaction-scoped advisory lock and merged in that
/// same transaction, which also records the outcome: if the process dies, PostgreSQL rolls everything
/// back and frees the lock, and the next worker (this one after a restart, or another replica) runs the
/// job again from its staged rows. A job is never half-applied, and never applied twice.
/// </summary>
public sealed class ImportWorker(NpgsqlDataSource dataSource, BulkDataSource bulk, ImportTargets targets, Wakeup<ImportWorker> signal, IConfiguration configuration, ILogger<ImportWorker> logger)
    : BackgroundService
{
    private readonly TimeSpan pollInterval = TimeSpan.FromMilliseconds(configuration.GetValue("Imports:PollIntervalMs", 2000));

    /// <summary>Whether a merge may use a second connection (and core) for work beside its own; read per merge.</summary>
    private bool SecondConnection => configuration.GetValue("Imports:SecondConnection", true);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SweepOrphansAsync(stoppingToken);
                while (await RunNextAsync(stoppingToken))
                {
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (BulkWorkBusyException)
            {
                logger.LogInformation("Every connection kept for bulk work is in use (uploads, exports, downloads of rejected rows); staged imports wait for one");
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException)
            {
                logger.LogWarning(e, "The import worker could not reach the database; retrying");
            }

            await signal.WaitAsync(pollInterval, stoppingToken);
        }
    }

    /// <summary>Runs one queued (or interrupted) job; false when none is waiting.</summary>
    public async Task<bool> RunNextAsync(CancellationToken ct)
    {
        var candidates = new List<Guid>();
        await using (var command = dataSource.CreateCommand(
            "SELECT id FROM import_jobs WHERE status IN ('Queued', 'Running') AND phase IN ('staged', 'merging') ORDER BY created_at LIMIT 20"))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                candidates.Add(reader.GetGuid(0));
            }
        }

        foreach (var id in candidates)
        {
            if (await TryMergeAsync(id, ct))
            {
                return true;
            }
        }

        return false;
    }

    private async Task<bool> TryMergeAsync(Guid jobId, CancellationToken ct)
    {
        await using var connection = await bulk.OpenConnectionAsync(ct); // for the whole merge (BulkDataSource)
        await using var transaction = await connection.BeginTransactionAsync(ct);
        if (!await Scalar<bool>(connection, transaction, "SELECT pg_try_advisory_xact_lock(@key)", ("key", ImportLocks.Key(jobId))))
        {
            return false; // another worker is merging it
        }

        Job? job = null;
        await using (var read = new NpgsqlCommand(
            "SELECT entity, mode, match_on, dry_run, columns::text, defaults::text, created_by_id, total, status, phase, language FROM import_jobs WHERE id = @id", connection, transaction))
        {
            read.Parameters.AddWithValue("id", jobId);
            await using var reader = await read.ExecuteReaderAsync(ct);
            if (await reader.ReadAsync(ct) && reader.GetString(8) is "Queued" or "Running" && reader.GetString(9) is "staged" or "merging")
            {
                job = new Job(reader.GetString(0), Enum.Parse<ImportMode>(reader.GetString(1)), reader.GetString(2), reader.GetBoolean(3),
                    reader.GetString(4), reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetGuid(6), reader.GetInt64(7), LanguageOf(reader.GetString(10)));
            }
        }

        if (job is null || targets.Find(job.Entity) is not { } target)
        {
            return false;
        }

        await MarkAsync($"UPDATE import_jobs SET status = 'Running', phase = 'merging', step = '{MergeSteps.Checking}', updated_at = now() WHERE id = @id", jobId, null);
        try
        {
            var staged = await Scalar<long>(connection, transaction, $"SELECT count(*) FROM {target.StagingTable} WHERE job_id = @id", ("id", jobId));
            if (staged != job.Total)
            {
                throw new ImportLostException();
            }

            var plan = Plan(jobId, target, job);
            // The second connection, for the search postings and words split beside the merge (SetMerge.PrepareAsync), comes from the
            // request pool: one statement per merging worker. From the bulk pool it would hold off an upload or export for
            // as long, or wait for one and run late.
            var counts = await SetMerge.RunAsync(connection, transaction, target, plan, SecondConnection ? dataSource.OpenConnectionAsync : null,
                (step, elapsed) => logger.LogDebug("Import {JobId}: {Step} took {Elapsed} ms", jobId, step, (long)elapsed.TotalMilliseconds),
                (problem, e) => logger.LogWarning(e, "Import {JobId}: {Problem}", jobId, problem),
                step => ReachedAsync(jobId, step), ct);
            // clock_timestamp(): now() is when the merge's transaction began, minutes before it ends for a big file.
            await using (var done = new NpgsqlCommand("""
                UPDATE import_jobs SET status = 'Succeeded', phase = 'done', step = NULL, inserted = @i, updated = @u, unchanged = @n, duplicates = @d, rejected = @r,
                       finished_at = clock_timestamp(), updated_at = clock_timestamp()
                WHERE id = @id
                """, connection, transaction))
            {
                done.Parameters.AddWithValue("id", jobId);
                done.Parameters.AddWithValue("i", counts.Inserted);
                done.Parameters.AddWithValue("u", counts.Updated);
                done.Parameters.AddWithValue("n", counts.Unchanged);
                done.Parameters.AddWithValue("d", counts.Duplicates);
                done.Parameters.AddWithValue("r", counts.Rejected);
                await done.ExecuteNonQueryAsync(ct);
            }

            await transaction.CommitAsync(ct);
            logger.LogInformation("Import {JobId} {Outcome}: {Inserted} inserted, {Updated} updated, {Unchanged} unchanged, {Duplicates} duplicates, {Rejected} rejected",
                jobId, job.DryRun ? "dry run finished" : "merged", counts.Inserted, counts.Updated, counts.Unchanged, counts.Duplicates, counts.Rejected);
            await CleanUpAsync(target, jobId, keepRejected: true);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            var reason = Texts.Get(
                e is ImportLostException ? "import.lost"
                : e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } ? "import.raced"
                : "import.mergeFailed",
                job.Language);
            if (e is not ImportLostException)
            {
                logger.LogError(e, "Import {JobId} failed while merging", jobId);
            }

            await MarkAsync("UPDATE import_jobs SET status = 'Failed', phase = 'done', step = NULL, error = @error, finished_at = now(), updated_at = now() WHERE id = @id", jobId, reason);
            await CleanUpAsync(target, jobId, keepRejected: false);
        }

        return true;
    }

    /// <summary>Uploads whose process died: their lock is free while they still say receiving. Also forgets staging of old jobs.</summary>
    private async Task SweepOrphansAsync(CancellationToken ct)
    {
        var receiving = new List<(Guid Id, string Entity, CultureInfo Language)>();
        await using (var command = dataSource.CreateCommand("SELECT id, entity, language FROM import_jobs WHERE status = 'Running' AND phase = 'receiving' AND updated_at < now() - interval '5 seconds'"))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                receiving.Add((reader.GetGuid(0), reader.GetString(1), LanguageOf(reader.GetString(2))));
            }
        }

        foreach (var (id, entity, language) in receiving)
        {
            await using var connection = await dataSource.OpenConnectionAsync(ct);
            await using var transaction = await connection.BeginTransactionAsync(ct);
            if (!await Scalar<bool>(connection, transaction, "SELECT pg_try_advisory_xact_lock(@key)", ("key", ImportLocks.Key(id))))
            {
                continue; // still uploading
            }

            var changed = await Scalar<int>(connection, transaction, """
                WITH failed AS (
                    UPDATE import_jobs SET status = 'Failed', phase = 'done', error = @error,
                           finished_at = now(), updated_at = now()
                    WHERE id = @id AND status = 'Running' AND phase = 'receiving' RETURNING 1)
                SELECT count(*)::int FROM failed
                """, ("id", id), ("error", Texts.Get("import.interruptedRunAgain", language)));
            await transaction.CommitAsync(ct);
            if (changed > 0 && targets.Find(entity) is { } target)
            {
                logger.LogWarning("Import {JobId} was interrupted while uploading; marked failed", id);
                await CleanUpAsync(target, id, keepRejected: false);
            }
        }

        foreach (var target in targets.Entities.Select(targets.Find).OfType<IImportTarget>())
        {
            await using var old = dataSource.CreateCommand($"""
                DELETE FROM {target.StagingTable} s USING import_jobs j
                WHERE j.id = s.job_id AND j.finished_at < now() - interval '7 days'
                """);
            await old.ExecuteNonQueryAsync(ct);
        }

        // Tables prepared beside a merge whose process died before cleaning up (SetMerge.PreparedTables), once their job is over.
        var leftovers = new List<string>();
        await using (var command = dataSource.CreateCommand("""
            SELECT c.relname FROM pg_class c
            WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r' AND c.relname ~ '^import_(postings|words)_[0-9a-f]{32}$'
              AND NOT EXISTS (SELECT 1 FROM import_jobs j WHERE replace(j.id::text, '-', '') = substring(c.relname FROM '[0-9a-f]{32}$') AND j.phase <> 'done')
            """))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                leftovers.Add(reader.GetString(0));
            }
        }

        foreach (var table in leftovers)
        {
            await using var drop = dataSource.CreateCommand($"DROP TABLE IF EXISTS \"{table}\"");
            await drop.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>
    /// A default fills the empty cells of a column the file has, in new and updated records alike; for a field the
    /// file has no column for, it only fills new records (the web app's wizard always sends one for kind: an upsert
    /// must not turn every person it updates into a company).
    /// </summary>
    private static ImportPlan Plan(Guid jobId, IImportTarget target, Job job)
    {
        var mapped = new HashSet<string>(StringComparer.Ordinal);
        var defaulted = new HashSet<string>(StringComparer.Ordinal);
        var fields = new HashSet<string>(StringComparer.Ordinal);
        var mapsCustomFields = false;
        using (var columns = JsonDocument.Parse(job.Columns))
        {
            foreach (var column in columns.RootElement.EnumerateArray())
            {
                var field = column.GetProperty("field").GetString();
                if (field is null)
                {
                    continue;
                }

                if (field.StartsWith("customFields.", StringComparison.Ordinal))
                {
                    mapsCustomFields = true;
                }
                else if (target.Fields.FirstOrDefault(f => f.Name == field) is { } f)
                {
                    mapped.Add(f.Column);
                    fields.Add(f.Name);
                }
            }
        }

        using (var defaults = JsonDocument.Parse(job.Defaults))
        {
            foreach (var d in defaults.RootElement.EnumerateObject())
            {
                if (target.Fields.FirstOrDefault(f => f.Name == d.Name) is { } f)
                {
                    fields.Add(f.Name);
                    if (!mapped.Contains(f.Column))
                    {
                        defaulted.Add(f.Column);
                    }
                }
            }
        }

        var keyColumn = target.Fields.First(f => f.Name == job.MatchOn).Column;
        return new ImportPlan(jobId, job.Mode, keyColumn, job.DryRun, mapped, defaulted, fields, mapsCustomFields, job.CreatedById, job.Language);
    }

    /// <summary>The culture a job's texts are worded in: its language, as the upload recorded it (English for anything else).</summary>
    private static CultureInfo LanguageOf(string language) =>
        Texts.Languages.Contains(language) ? CultureInfo.GetCultureInfo(language) : Texts.English;

    private async Task CleanUpAsync(IImportTarget target, Guid jobId, bool keepRejected)
    {
        try
        {
            var (postings, words) = SetMerge.PreparedTables(jobId);
            await using var command = dataSource.CreateCommand($"""
                DROP TABLE IF EXISTS {postings}, {words};
                DELETE FROM {target.StagingTable} WHERE job_id = @id{(keepRejected ? " AND status IS DISTINCT FROM 'rejected'" : string.Empty)}
                """);
            command.Parameters.AddWithValue("id", jobId);
            command.CommandTimeout = 0;
            await command.ExecuteNonQueryAsync(CancellationToken.None);
        }
        catch (NpgsqlException e)
        {
            logger.LogWarning(e, "Could not clear the staging rows of import {JobId}; the weekly sweep will", jobId);
        }
    }

    /// <summary>
    /// The step the merge has reached, for whoever polls the job. Committed on a connection of its own (the merge's
    /// transaction would show it only at the end). It never fails the merge, nor holds it up for more than a few
    /// seconds (a request pool with no connection free): a job that shows the previous step a while longer has lost
    /// nothing.
    /// </summary>
    private async Task ReachedAsync(Guid jobId, string step)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await using var command = dataSource.CreateCommand("UPDATE import_jobs SET step = @step, updated_at = now() WHERE id = @id AND phase = 'merging'");
            command.Parameters.AddWithValue("id", jobId);
            command.Parameters.AddWithValue("step", step);
            await command.ExecuteNonQueryAsync(limit.Token);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Import {JobId}: could not show the merge's step {Step}", jobId, step);
        }
    }

    private async Task MarkAsync(string sql, Guid jobId, string? error)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("id", jobId);
        if (error is not null)
        {
            command.Parameters.AddWithValue("error", error);
        }

        await command.ExecuteNonQueryAsync(CancellationToken.None);
    }

    private static async Task<T> Scalar<T>(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return (T)(await command.ExecuteScalarAsync())!;
    }

    private sealed record Job(string Entity, ImportMode Mode, string MatchOn, bool DryRun, string Columns, string Defaults, Guid? CreatedById, long Total, CultureInfo Language);

    private sealed class ImportLostException : Exception;
}
