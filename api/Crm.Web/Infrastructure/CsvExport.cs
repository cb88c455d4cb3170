using System.Globalization;
using System.Text;
using System.Text.Json;
using Crm.Application.Common;
using Crm.Application.CustomFields;
using CsvHelper;
using CsvHelper.Configuration;

namespace Crm.Web.Infrastructure;

/// <summary>One fixed column of a CSV export: its header and how a row fills it.</summary>
public sealed record CsvColumn<T>(string Header, Func<T, string?> Value);

/// <summary>
/// Streams an export as CSV (fixed columns, then one per custom field, headed by its key so the file
/// re-imports through POST /imports) or as a JSON array; every CSV cell is neutralised against formula injection.
/// </summary>
public static class CsvExport
{
    /// <summary>Refuses a <c>format</c> other than csv or json (in any case), before the export starts; none means CSV or what Accept asks.</summary>
    public static void CheckFormat(string? format)
    {
        if (!string.IsNullOrWhiteSpace(format) && !string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase)
            && !string.Equals(format, "json", StringComparison.OrdinalIgnoreCase))
        {
            throw new BadRequestException("format", Texts.Get("export.format"));
        }
    }

    /// <summary>
    /// csv or json, as the export will answer: <c>format</c> (checked first), else json when Accept asks for it at
    /// least as much as for text/csv, else csv. A quality of 0 refuses a type (RFC 9110, 12.4.2), so
    /// <c>application/json;q=0</c> is no request for JSON.
    /// </summary>
    public static string ChooseFormat(HttpContext http, string? format)
    {
        CheckFormat(format);
        if (format is not null)
        {
            return string.Equals(format, "json", StringComparison.OrdinalIgnoreCase) ? "json" : "csv";
        }

        var accept = http.Request.GetTypedHeaders().Accept;
        var json = Quality(accept, "application/json");
        return json > 0 && json >= Quality(accept, "text/csv") ? "json" : "csv";
    }

    // The highest quality Accept gives the type by name (wildcards do not count: they ask for whatever we send), 0 if none.
    private static double Quality(IList<Microsoft.Net.Http.Headers.MediaTypeHeaderValue> accept, string type) =>
        accept.Where(a => a.MediaType.Equals(type, StringComparison.OrdinalIgnoreCase)).Select(a => a.Quality ?? 1).DefaultIfEmpty(0).Max();

    /// <summary>
    /// The export in <paramref name="format"/> (csv or json, from <see cref="ChooseFormat"/>), a download named
    /// <c>{name}-{UTC stamp}</c>. A HEAD gets the same headers and no rows are read.
    /// </summary>
    public static async Task<IResult> SendAsync<T>(
        HttpContext http, string name, string format, ExportStream<T> export, IReadOnlyList<CsvColumn<T>> columns,
        Func<T, IReadOnlyDictionary<string, JsonElement>> customFields, CancellationToken ct)
    {
        var json = format == "json";
        var stamp = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{name}-{stamp}.{(json ? "json" : "csv")}\"";
        if (HeadRequestMiddleware.IsHead(http))
        {
            http.Response.ContentType = json ? "application/json; charset=utf-8" : "text/csv; charset=utf-8";
            return Results.Empty;
        }

        if (json)
        {
            return Results.Ok(export.Rows); // System.Text.Json streams IAsyncEnumerable element by element
        }

        http.Response.ContentType = "text/csv; charset=utf-8";
        await WriteAsync(http.Response.Body, export, columns, customFields, ct);
        return Results.Empty;
    }

    public static async Task WriteAsync<T>(
        Stream body, ExportStream<T> export, IReadOnlyList<CsvColumn<T>> columns,
        Func<T, IReadOnlyDictionary<string, JsonElement>> customFields, CancellationToken ct)
    {
        // The query runs at the first row: fetch it before a byte is written, so a query that fails is a problem
        // response rather than a 200 holding only the header line (the writer flushes it as it is disposed).
        await using var rows = export.Rows.GetAsyncEnumerator(ct);
        var more = await rows.MoveNextAsync();
        await using var writer = new StreamWriter(body, new UTF8Encoding(false), bufferSize: 1 << 16, leaveOpen: true);
        await using var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture));
        foreach (var header in columns.Select(c => c.Header).Concat(export.CustomFieldKeys))
        {
            csv.WriteField(header);
        }

        await csv.NextRecordAsync();
        var count = 0;
        for (; more; more = await rows.MoveNextAsync())
        {
            var row = rows.Current;
            foreach (var column in columns)
            {
                csv.WriteField(CsvCells.Neutralise(column.Value(row)));
            }

            var values = customFields(row);
            foreach (var key in export.CustomFieldKeys)
            {
                csv.WriteField(CsvCells.Neutralise(values.TryGetValue(key, out var value) ? CustomFieldJson.ToText(value) : null));
            }

            await csv.NextRecordAsync();
            if (++count % 1000 == 0)
            {
                await writer.FlushAsync(ct); // keep memory flat: hand rows to the socket as we go
            }
        }
    }

    public static string Time(DateTimeOffset time) => time.ToString("O", CultureInfo.InvariantCulture);

    public static string JsonName<TEnum>(TEnum value)
        where TEnum : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
}
