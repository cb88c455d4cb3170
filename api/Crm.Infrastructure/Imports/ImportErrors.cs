using System.Globalization;
using System.Text;
using System.Text.Json;
using Crm.Application.Common;
using Crm.Infrastructure.Persistence;
using CsvHelper;
using CsvHelper.Configuration;
using Npgsql;

namespace Crm.Infrastructure.Imports;

/// <summary>The rejected rows of a job as CSV: line, reason, then the row as it was sent, ready to fix and re-import.</summary>
public sealed class ImportErrors(BulkDataSource bulk, ImportTargets targets)
{
    /// <summary>
    /// Writes the job's rejected rows to <paramref name="body"/>. <paramref name="started"/> runs once the bulk connection
    /// is held and before a row is read (the download's audit entry), so that a download refused for a busy pool (503)
    /// leaves no trace of one that did not happen.
    /// </summary>
    public async Task WriteAsync(Guid jobId, string entity, string columnsJson, Stream body, Func<CancellationToken, Task> started, CancellationToken ct)
    {
        var target = targets.Find(entity) ?? throw new InvalidOperationException($"Unknown import target {entity}");
        string[] columns;
        using (var document = JsonDocument.Parse(columnsJson))
        {
            columns = [.. document.RootElement.EnumerateArray().Select(c => c.GetProperty("column").GetString() ?? string.Empty)];
        }

        // Read while the client downloads, however slowly: a bulk connection (BulkDataSource), taken before anything is written.
        await using var connection = await bulk.OpenConnectionAsync(ct);
        await started(ct);
        await using var writer = new StreamWriter(body, new UTF8Encoding(false), bufferSize: 1 << 16, leaveOpen: true);
        await using var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture));
        csv.WriteField("line");
        csv.WriteField("error");
        foreach (var column in columns)
        {
            csv.WriteField(column);
        }

        await csv.NextRecordAsync();
        await using var command = new NpgsqlCommand($"SELECT line, error, raw FROM {target.StagingTable} WHERE job_id = @id AND status = 'rejected' ORDER BY line", connection);
        command.Parameters.AddWithValue("id", jobId);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var count = 0;
        while (await reader.ReadAsync(ct))
        {
            csv.WriteField(reader.GetInt64(0));
            csv.WriteField(reader.IsDBNull(1) ? null : reader.GetString(1));
            var raw = reader.IsDBNull(2) ? [] : reader.GetFieldValue<string?[]>(2);
            // A row with more cells than the header had (rejected for it) comes back with all of them, as sent.
            for (var i = 0; i < Math.Max(columns.Length, raw.Length); i++)
            {
                csv.WriteField(CsvCells.Neutralise(i < raw.Length ? raw[i] : null));
            }

            await csv.NextRecordAsync();
            if (++count % 1000 == 0)
            {
                await writer.FlushAsync(ct);
            }
        }

        // Back to the pool before the last rows are flushed to the client, however slowly it reads them.
        await reader.DisposeAsync();
        await connection.DisposeAsync();
    }
}
