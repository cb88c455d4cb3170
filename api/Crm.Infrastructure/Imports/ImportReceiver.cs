using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Crm.Application.Common;
using Crm.Application.CustomFields;
using Crm.Domain.Imports;
using Crm.Infrastructure.Persistence;
using FluentValidation.Results;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace Crm.Infrastructure.Imports;

/// <summary>The parameters of POST /imports, as sent.</summary>
public sealed record ImportRequest(
    string? Entity,
    string? Mode,
    string? MatchOn,
    bool DryRun,
    IReadOnlyDictionary<string, string?> Mapping,
    IReadOnlyDictionary<string, string> Defaults,
    string? FileName,
    char? Delimiter,
    string? Charset = null);

/// <summary>
/// Receives an import: reads the body as it arrives (CSV or JSON), maps columns, validates and normalises
/// each row with the API's rules, and streams the rows into the target's staging table with one binary
/// COPY — which PostgreSQL applies entirely or not at all. Then the job is queued for the worker.
/// While it stages, the upload holds the job's advisory lock, so a crash leaves a job the worker can
/// tell is orphaned (and fail cleanly) rather than one that looks busy forever.
/// </summary>
public sealed class ImportReceiver(
    CrmDbContext db, NpgsqlDataSource dataSource, BulkDataSource bulk, ICurrentUser user, ImportTargets targets, Wakeup<ImportWorker> signal, ILogger<ImportReceiver> logger)
{
    private const int BatchSize = 2048;
    private static string Interrupted => Texts.Get("import.interrupted");

    /// <summary>
    /// Stages the body and queues the job. <paramref name="beforeQueue"/> runs once the rows are staged and may still
    /// refuse the upload (a multipart part that came after the file): it then fails, and nothing is imported.
    /// </summary>
    public async Task<Guid> ReceiveAsync(ImportRequest request, Stream body, bool json, CancellationToken ct, Func<CancellationToken, Task>? beforeQueue = null)
    {
        var (target, mode, matchField) = Validate(request);
        var charset = Charset(request.Charset, json);
        var schema = await CustomFieldSchema.LoadAsync(db, target.CustomFieldEntity, ct);
        var mapping = new ImportMapping(target, schema, request.Mapping);
        Fail(mapping.ValidateExplicit().Select(e => new ValidationFailure($"mapping.{e.Column}", e.Message)));
        Fail(request.Defaults.Where(d => !target.Fields.Any(f => f.Name == d.Key))
            .Select(d => new ValidationFailure($"defaults.{d.Key}", Texts.Format("import.notAField", ("entity", target.Entity)))));

        IImportSource source;
        try
        {
            source = json ? new JsonImportSource(body) : await CsvImportSource.OpenAsync(body, request.Delimiter, ct, charset);
        }
        catch (Exception e) when (e is ImportFormatException or System.Text.DecoderFallbackException)
        {
            throw new BadRequestException("file", e is ImportFormatException f ? f.Reason.ToString() : Texts.Get("import.notUtf8"));
        }

        var row = new ImportRow(request.Defaults);
        if (source is JsonImportSource jsonSource)
        {
            jsonSource.ColumnAdded += column => row.Bind(source.Columns.Count - 1, mapping.Bind(column));
        }
        else
        {
            for (var i = 0; i < source.Columns.Count; i++)
            {
                row.Bind(i, mapping.Bind(source.Columns[i]));
            }

            CheckColumns(target, mapping, source.Columns, mode, matchField, request);
        }

        // The request's language (RequestLocalization chose it among Texts.Languages), kept with the job: its rejected rows'
        // reasons and its error are stored worded in it.
        var language = Texts.LanguageOf(CultureInfo.CurrentUICulture);
        var culture = CultureInfo.GetCultureInfo(language);
        var job = ImportJob.Receive(
            target.Entity, mode, matchField, request.DryRun, request.FileName, "[]", JsonSerializer.Serialize(request.Defaults), user.Id, language,
            (source as CsvImportSource)?.Charset?.Name);
        // Held until the rows are staged: from the bulk pool, since recording the job below takes a request connection.
        await using var connection = await bulk.OpenConnectionAsync(ct);
        await Execute(connection, "SELECT pg_advisory_lock(@key)", ("key", ImportLocks.Key(job.Id)));
        try
        {
            db.ImportJobs.Add(job);
            await db.SaveChangesAsync(ct);
            var started = Stopwatch.GetTimestamp();
            var (total, rejected) = await InLanguage(culture, () => StageAsync(connection, job, target, source, row, mode, matchField, ct));
            if (source is JsonImportSource && total > 0)
            {
                // An empty array has no columns to check: like a CSV file with only its header, it imports nothing.
                CheckColumns(target, mapping, source.Columns, mode, matchField, request);
            }

            if (beforeQueue is not null)
            {
                await beforeQueue(ct);
            }

            await using var update = dataSource.CreateCommand("""
                UPDATE import_jobs SET status = 'Queued', phase = 'staged', total = @total, processed = @total, rejected = @rejected, columns = @columns::jsonb, updated_at = now()
                WHERE id = @id
                """);
            update.Parameters.AddWithValue("id", job.Id);
            update.Parameters.AddWithValue("total", total);
            update.Parameters.AddWithValue("rejected", rejected);
            update.Parameters.AddWithValue("columns", JsonSerializer.Serialize(mapping.Bindings.Select(b => new { column = b.Column, field = b.Target })));
            await update.ExecuteNonQueryAsync(ct);
            logger.LogInformation("Import {JobId} staged {Rows} {Entity} rows ({Rejected} rejected) in {Elapsed} ms",
                job.Id, total, target.Entity, rejected, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            signal.Notify();
            return job.Id;
        }
        catch (Exception e)
        {
            // The client went away (Kestrel's BadHttpRequestException is an IOException) or cancelled.
            var interrupted = e is OperationCanceledException or IOException || ct.IsCancellationRequested;
            var unreadable = Unreadable(e, culture);
            await FailAsync(job.Id, target, e, interrupted, unreadable, culture);
            throw e switch
            {
                IOException => new BadRequestException("file", Interrupted),
                _ when unreadable is not null => new BadRequestException("file", unreadable),
                _ => e,
            };
        }
        finally
        {
            await Execute(connection, "SELECT pg_advisory_unlock(@key)", ("key", ImportLocks.Key(job.Id)));
        }
    }

    private (IImportTarget Target, ImportMode Mode, string MatchField) Validate(ImportRequest request)
    {
        var failures = new List<ValidationFailure>();
        var target = targets.Find(request.Entity);
        if (target is null)
        {
            failures.Add(new("entity", Texts.Format("validation.oneOf", ("values", string.Join(", ", targets.Entities)))));
        }

        // By name only: Enum.TryParse also takes any number.
        var mode = ImportMode.Upsert;
        if (!EnumFilter.IsValid<ImportMode>(request.Mode))
        {
            failures.Add(new("mode", Texts.Get("import.mode")));
        }
        else
        {
            mode = EnumFilter.Parse<ImportMode>(request.Mode) ?? ImportMode.Upsert;
        }

        var matchField = request.MatchOn ?? "email";
        if (target is not null && !target.MatchKeys.Contains(matchField, StringComparer.OrdinalIgnoreCase))
        {
            failures.Add(new("matchOn", Texts.Format("validation.oneOf", ("values", string.Join(", ", target.MatchKeys)))));
        }

        Fail(failures);
        return (target!, mode, target!.MatchKeys.First(k => string.Equals(k, matchField, StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>The declared character set, or null for UTF-8; JSON is UTF-8 only (RFC 8259).</summary>
    private static ImportCharset? Charset(string? declared, bool json)
    {
        if (declared is null || ImportCharset.IsUtf8(declared))
        {
            return null;
        }

        if (json)
        {
            throw new BadRequestException("charset", Texts.Format("import.charsetJson", ("charset", declared)));
        }

        return ImportCharset.Find(declared)
            ?? throw new BadRequestException("charset", Texts.Format("import.charsetUnknown", ("charset", declared), ("examples", ImportCharset.Examples)));
    }

    private static void CheckColumns(IImportTarget target, ImportMapping mapping, IReadOnlyList<string> columns, ImportMode mode, string matchField, ImportRequest request)
    {
        var listed = columns.Count == 0 ? Texts.Get("import.noColumns") : Texts.Format("import.columns", ("columns", string.Join(", ", columns)));
        var failures = mapping.MissingExplicitColumns(columns)
            .Select(c => new ValidationFailure($"mapping.{c}", Texts.Format("import.missingColumn", ("column", c), ("columns", listed))))
            .ToList();
        foreach (var group in target.RequiredFields)
        {
            if (!group.Any(f => mapping.IsMapped(f) || request.Defaults.ContainsKey(f)))
            {
                var example = columns.Count == 0 ? "Column" : columns[0];
                failures.Add(new("mapping", Texts.Format("import.unfed", ("fields", string.Join($" {Texts.Get("word.or")} ", group)), ("example", $"{{\"{example}\":\"{group[0]}\"}}"), ("columns", listed))));
            }
        }

        if (mode == ImportMode.Upsert && !mapping.IsMapped(matchField))
        {
            failures.Add(new("matchOn", Texts.Format("import.matchUnfed", ("field", matchField))));
        }

        Fail(failures);
    }

    /// <summary>
    /// Rejected rows are stored and read later, by anyone, beside the worker's own refusals (which it words in the job's
    /// language too): the validators that judge them word them in the job's language, set once for the whole upload.
    /// The culture set here flows into the work (and its parallel validation) and is the caller's again on return.
    /// </summary>
    private static async Task<T> InLanguage<T>(CultureInfo culture, Func<Task<T>> work)
    {
        CultureInfo.CurrentUICulture = culture;
        return await work();
    }

    private async Task<(long Total, long Rejected)> StageAsync(
        NpgsqlConnection connection, ImportJob job, IImportTarget target, IImportSource source, ImportRow row, ImportMode mode, string matchField, CancellationToken ct)
    {
        var columns = string.Join(", ", target.StagingColumns.Select(c => c.Name));
        await using var copy = await connection.BeginBinaryImportAsync(
            $"COPY {target.StagingTable} (job_id, line, status, error, raw, {columns}) FROM STDIN (FORMAT BINARY)", ct);
        long total = 0, rejected = 0;
        var lastProgress = Stopwatch.GetTimestamp();
        var batch = new List<ImportRecord>(BatchSize);
        var staged = new StagedRow[BatchSize];

        async Task FlushAsync()
        {
            // Validation and normalisation (phones, URLs, folding) are the costly part: spread a batch over the
            // cores, then write it in file order.
            Parallel.For(0, batch.Count, row.Fork, (i, _, view) =>
            {
                view.Load(batch[i]);
                var nul = view.TakeNulCharacters();
                staged[i] = batch[i].Problem is { } problem ? new StagedRow(null, problem)
                    : nul is not null ? new StagedRow(null, nul)
                    : mode == ImportMode.Upsert && view[matchField] is null ? new StagedRow(null, $"{matchField}: {Texts.Format("import.matchKeyRequired", ("field", matchField))}")
                    : target.Stage(view);
                return view;
            }, _ => { });

            for (var i = 0; i < batch.Count; i++)
            {
                var record = batch[i];
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(job.Id, NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(record.Line, NpgsqlDbType.Bigint, ct);
                if (staged[i].Error is { } error)
                {
                    rejected++;
                    await copy.WriteAsync("rejected", NpgsqlDbType.Text, ct);
                    await copy.WriteAsync(error, NpgsqlDbType.Text, ct);
                }
                else
                {
                    await copy.WriteNullAsync(ct);
                    await copy.WriteNullAsync(ct);
                }

                await copy.WriteAsync(record.Cells, NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
                var values = staged[i].Values;
                for (var c = 0; c < target.StagingColumns.Count; c++)
                {
                    if (values?[c] is { } value)
                    {
                        await copy.WriteAsync(value, target.StagingColumns[c].Type, ct);
                    }
                    else
                    {
                        await copy.WriteNullAsync(ct);
                    }
                }
            }

            total += batch.Count;
            batch.Clear();
            if (Stopwatch.GetElapsedTime(lastProgress) > TimeSpan.FromSeconds(1))
            {
                lastProgress = Stopwatch.GetTimestamp();
                await using var progress = dataSource.CreateCommand("UPDATE import_jobs SET processed = @n, total = @n, rejected = @r WHERE id = @id");
                progress.Parameters.AddWithValue("id", job.Id);
                progress.Parameters.AddWithValue("n", total);
                progress.Parameters.AddWithValue("r", rejected);
                await progress.ExecuteNonQueryAsync(ct);
            }
        }

        await foreach (var record in source.ReadAsync(ct))
        {
            batch.Add(record);
            if (batch.Count == BatchSize)
            {
                await FlushAsync();
            }
        }

        if (batch.Count > 0)
        {
            await FlushAsync();
        }

        await copy.CompleteAsync(ct);
        return (total, rejected);
    }

    /// <summary>
    /// Why the file could not be read, worded in <paramref name="language"/> for the 400 and the failed job alike, or null
    /// when <paramref name="e"/> is not about the file. The parsers' own messages are English and, for CsvHelper, pages of
    /// context; they go to the log, not to the user.
    /// </summary>
    private static string? Unreadable(Exception e, CultureInfo language) => e switch
    {
        ImportFormatException f => f.Reason.In(language),
        JsonException { LineNumber: { } line, BytePositionInLine: { } position } =>
            Texts.Format("import.jsonInvalidAt", language, ("line", line + 1), ("position", position + 1)),
        JsonException => Texts.Get("import.jsonInvalid", language),
        System.Text.DecoderFallbackException => Texts.Get("import.notUtf8", language),
        CsvHelper.CsvHelperException { Context.Parser.RawRow: > 0 and var row } => Texts.Format("import.csvInvalidAt", language, ("line", row)),
        CsvHelper.CsvHelperException => Texts.Get("import.csvInvalid", language),
        _ => null,
    };

    /// <summary>
    /// A failed upload staged nothing (COPY is atomic); the job says why, in its language (<paramref name="unreadable"/>:
    /// why the file could not be read, as <see cref="Unreadable"/> worded it, or null).
    /// </summary>
    private async Task FailAsync(Guid jobId, IImportTarget target, Exception e, bool interrupted, string? unreadable, CultureInfo language)
    {
        var ours = !interrupted && unreadable is null && e is not BadRequestException;
        var reason = e switch
        {
            _ when interrupted => Texts.Get("import.interrupted", language),
            _ when unreadable is not null => Texts.Format("import.fileUnreadable", language, ("reason", unreadable)),
            BadRequestException b => string.Join(" ", b.Errors.SelectMany(x => x.Value)),
            _ => Texts.Get("import.failed", language),
        };
        if (interrupted)
        {
            // Not a fault of ours: no stack trace.
            logger.LogInformation("Import {JobId} was interrupted while uploading ({Reason}); nothing was imported", jobId, e.Message);
        }
        else if (ours)
        {
            logger.LogError(e, "Import {JobId} failed while staging", jobId);
        }
        else if (unreadable is not null && e is not ImportFormatException)
        {
            // The user reads our wording; the parser's own message, which says more, is for whoever helps them.
            logger.LogInformation("Import {JobId}'s file could not be read: {ParserMessage}", jobId, e.Message.Split('\n')[0]);
        }

        try
        {
            await using var command = dataSource.CreateCommand($"""
                UPDATE import_jobs SET status = 'Failed', phase = 'done', error = @error, finished_at = now(), updated_at = now() WHERE id = @id;
                DELETE FROM {target.StagingTable} WHERE job_id = @id;
                """);
            command.Parameters.AddWithValue("id", jobId);
            command.Parameters.AddWithValue("error", reason);
            await command.ExecuteNonQueryAsync(CancellationToken.None);
        }
        catch (NpgsqlException ne)
        {
            logger.LogWarning(ne, "Could not mark import {JobId} failed; the worker's sweep will", jobId);
        }
    }

    private static void Fail(IEnumerable<ValidationFailure> failures)
    {
        var list = failures.ToList();
        if (list.Count > 0)
        {
            // Named as sent: mapping.<column> keeps the file's spelling of the column.
            throw new BadRequestException(list.GroupBy(f => f.PropertyName).ToDictionary(g => g.Key, g => g.Select(f => f.ErrorMessage).ToArray()));
        }
    }

    private static async Task Execute(NpgsqlConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync(CancellationToken.None);
    }
}
