using System.Text.Json;
using Crm.Application.Common;
using Crm.Application.Imports.GetImport;
using Crm.Application.Imports.ListImports;
using Crm.Application.Imports.RecordRejectedRowsDownload;
using Crm.Contracts.Common;
using Crm.Contracts.Imports;
using Crm.Infrastructure.Imports;
using Crm.Web.Auth;
using Crm.Web.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Crm.Web.Endpoints;

public static class ImportsEndpoints
{
    public static IEndpointRouteBuilder MapImportsEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/imports").WithTags("Imports").RequireAuthorization(Policies.ImportsWrite);

        group.MapPost("/", async (
                HttpContext http, ImportReceiver receiver, IMediator mediator, CancellationToken ct,
                string? entity, string? mode, string? matchOn, bool? dryRun, string? mapping, string? defaults, string? delimiter, string? charset) =>
            {
                var request = new ImportRequest(entity, mode, matchOn, dryRun ?? false, ReadMapping(mapping), ReadDefaults(defaults), null, ReadDelimiter(delimiter), ReadCharset(charset));
                Guid id;
                if (http.Request.HasFormContentType && MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var multipart)
                    && multipart.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
                {
                    id = await ReceiveMultipartAsync(http, receiver, request, HeaderUtilities.RemoveQuotes(multipart.Boundary).Value, ct);
                }
                else
                {
                    id = await receiver.ReceiveAsync(request with { Charset = Declared(request.Charset, http.Request.ContentType) }, http.Request.Body, IsJson(http.Request.ContentType), ct);
                }

                var job = await mediator.Send(new GetImport(id), ct);
                return TypedResults.Accepted($"/api/v1/imports/{id}", job.Value);
            })
            .WithMetadata(new UnlimitedBodyAttribute())
            .Idempotent()
            .Accepts<string>("text/csv", "application/json", "multipart/form-data")
            .WithName("StartImport")
            .WithSummary("Import customers or contacts from CSV or JSON (streamed, no row cap)")
            .WithDescription("""
                The body is the file: `text/csv` (comma, semicolon or tab, detected; UTF-8 with or without BOM, or a single-byte character set declared by the Content-Type's `charset` or the `charset` parameter, such as `windows-1250`, `windows-1252` or `windows-1253`, which Excel writes for "CSV" in Poland, Portugal and Catalonia, and Greece; `iso-8859-1` reads as `windows-1252`, as browsers read it; quoted multi-line fields), a JSON array of objects (nested objects read as dotted columns: `address.city`, `customFields.sector`), or `multipart/form-data` with optional `mapping`/`defaults` parts and then a `file` part (a `mapping` or `defaults` part after the file is a 400).
                Columns are matched to fields by header, ignoring case, accents, spaces, - and _: a field's name, then a custom field's key (or `customFields.<key>`), then synonyms in English, Portuguese, Catalan, Polish and Greek, then a custom field's label. `mapping` (URL-encoded JSON, column → field such as `{"Customer Name":"name","Sector":"customFields.sector"}`, null to ignore a column) overrides, and a field it names is fed by that column only. `defaults` (JSON, field → value, e.g. `{"kind":"person"}`) fills the empty cells of a column the file has, for new and updated records alike; for a field the file has no column for, it applies to new records only.
                Every row gets the API's own validation and normalisation; rejected rows (with their line and the fields named; also a CSV row with more cells than the header; a shorter one reads as if its missing cells were empty) are listed by GET /imports/{id}/errors, their reasons worded in the upload's language (`Accept-Language` among en, pt, ca, pl and el, else en; the job's `language`), as is the job's `error`. `mode=upsert` (default) matches on `matchOn` (email or externalId) and updates only the mapped columns (an empty `kind`, `type` or `emailConsent` cell keeps the record's value); within one file the last row with a key wins. `mode=insert` rejects rows matching existing records. `dryRun=true` reports the counts and changes nothing.
                The upload is staged as it arrives; the answer is 202 with the job, merged in the background in one transaction (all or nothing). Poll GET /imports/{id}. A re-run of the same file in upsert mode changes nothing.
                With an `Idempotency-Key`, a repeat with the same query and file (multipart: the same parts) replays the first 202 and starts no second import; with another query or file it is a 422; while the first upload is still arriving, a 409.

                """ + ExportsEndpoints.BulkBusy)
            .Produces<ImportJobResponse>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        group.MapGet("/", async (IMediator mediator, CancellationToken ct, int? limit, string? cursor) =>
                TypedResults.Ok(await mediator.Send(new ListImports(limit ?? Paging.DefaultLimit, cursor), ct)))
            .WithName("ListImports")
            .WithSummary("List import jobs")
            .WithDescription("Your jobs, newest first (an Admin sees everyone's).")
            .Produces<Page<ImportJobResponse>>()
            .ProducesValidationProblem();

        group.MapGet("/{id:guid}", async (Guid id, IMediator mediator, HttpContext http, CancellationToken ct) => ETags.Ok(http, await mediator.Send(new GetImport(id), ct)))
            .WithName("GetImport")
            .WithSummary("Get an import job and its progress")
            .WithDescription("Returns a strong `ETag` that changes as the job moves on; poll with `If-None-Match` holding it to get a 304 while nothing changed.")
            .Produces<ImportJobResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{id:guid}/errors", async (Guid id, HttpContext http, IMediator mediator, ImportErrors errors, CancellationToken ct) =>
            {
                var job = await mediator.Send(new GetImport(id), ct);
                http.Response.ContentType = "text/csv; charset=utf-8";
                http.Response.Headers.ContentDisposition = $"attachment; filename=\"import-{id}-errors.csv\"";
                if (HeadRequestMiddleware.IsHead(http))
                {
                    return Results.Empty; // the headers alone: no rows read, no download audited
                }

                await errors.WriteAsync(
                    id, job.Value.Entity, JsonSerializer.Serialize(job.Value.Columns, JsonSerializerOptions.Web), http.Response.Body,
                    async started => await mediator.Send(new RecordRejectedRowsDownload(id, job.Value.Entity), started), ct);
                return Results.Empty;
            })
            .WithName("GetImportErrors")
            .WithSummary("Download the rejected rows (CSV)")
            .WithDescription("One line per rejected row: its line in the file, the reason (fields named), then the row as it was sent, so it can be fixed and imported again. Kept for 7 days. Each download is written to the audit log as an export (action `exported`, entity type `export`, entity `importRejectedRows`, with the import's id), since the rows are personal data as sent; HEAD answers the headers without reading a row. " + ExportsEndpoints.BulkBusy)
            .Produces<string>(StatusCodes.Status200OK, "text/csv")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        return app;
    }

    private static async Task<Guid> ReceiveMultipartAsync(HttpContext http, ImportReceiver receiver, ImportRequest request, string? boundary, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(boundary))
        {
            throw new BadRequestException("file", Texts.Get("import.noBoundary"));
        }

        var reader = new MultipartReader(boundary, http.Request.Body);
        while (await reader.ReadNextSectionAsync(ct) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
            {
                continue;
            }

            var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value;
            switch (name)
            {
                case "mapping":
                    request = request with { Mapping = ReadMapping(await section.ReadAsStringAsync(ct)) };
                    break;
                case "defaults":
                    request = request with { Defaults = ReadDefaults(await section.ReadAsStringAsync(ct)) };
                    break;
                case "file":
                    var fileName = HeaderUtilities.RemoveQuotes(disposition.FileName).Value;
                    var json = IsJson(section.ContentType) || (fileName?.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ?? false);
                    // The file is read as it streams in, so a mapping or defaults part after it comes too late: refused, not ignored.
                    var declared = Declared(request.Charset, section.ContentType);
                    return await receiver.ReceiveAsync(request with { FileName = fileName, Charset = declared }, section.Body, json, ct, async token =>
                    {
                        while (await reader.ReadNextSectionAsync(token) is { } next)
                        {
                            if (ContentDispositionHeaderValue.TryParse(next.ContentDisposition, out var late)
                                && HeaderUtilities.RemoveQuotes(late.Name).Value is { } lateName && lateName is "mapping" or "defaults")
                            {
                                throw new BadRequestException(lateName, Texts.Format("import.latePart", ("part", lateName)));
                            }
                        }
                    });
            }
        }

        throw new BadRequestException("file", Texts.Get("import.noFilePart"));
    }

    private static bool IsJson(string? contentType) =>
        contentType is not null && MediaTypeHeaderValue.TryParse(contentType, out var media)
        && (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || media.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase));

    private static Dictionary<string, string?> ReadMapping(string? json)
    {
        var shape = Texts.Get("import.mappingShape");
        return ReadObject(json, "mapping", shape, "import.columnNul", "import.columnTwiceInMapping", value => value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Null => null,
            _ => throw new BadRequestException("mapping", shape),
        });
    }

    private static Dictionary<string, string> ReadDefaults(string? json) =>
        ReadObject(json, "defaults", Texts.Get("import.defaultsShape"), "import.fieldNul", "import.fieldTwice",
            value => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText());

    /// <summary>
    /// A JSON object of names to values. A name given twice is refused (a dictionary would throw, or keep one silently),
    /// and so is U+0000, which the job's record cannot hold.
    /// </summary>
    private static Dictionary<string, TValue> ReadObject<TValue>(string? json, string field, string shape, string nulKey, string twiceKey, Func<JsonElement, TValue> read)
    {
        var result = new Dictionary<string, TValue>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(json))
        {
            return result;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new BadRequestException(field, shape);
            }

            foreach (var property in document.RootElement.EnumerateObject())
            {
                var value = read(property.Value);
                if ((property.Name + value).Contains('\0', StringComparison.Ordinal))
                {
                    throw new BadRequestException(field, Texts.Format(nulKey, ("name", property.Name.Replace('\0', '\uFFFD'))));
                }

                if (!result.TryAdd(property.Name, value))
                {
                    throw new BadRequestException(field, Texts.Format(twiceKey, ("name", property.Name)));
                }
            }

            return result;
        }
        catch (JsonException)
        {
            throw new BadRequestException(field, shape);
        }
    }

    private static string? ReadCharset(string? charset) =>
        string.IsNullOrWhiteSpace(charset) ? null : charset.Trim();

    /// <summary>
    /// The file's character set: the <c>charset</c> query parameter (a browser cannot set a file part's charset) or its
    /// Content-Type's; both, naming different sets, are refused rather than one picked.
    /// </summary>
    private static string? Declared(string? query, string? contentType)
    {
        var header = contentType is not null && MediaTypeHeaderValue.TryParse(contentType, out var media)
            && HeaderUtilities.RemoveQuotes(media.Charset).Value is { Length: > 0 } named ? named.Trim() : null;
        if (query is not null && header is not null && !SameCharset(query, header))
        {
            throw new BadRequestException("charset", Texts.Format("import.charsetTwice", ("query", query), ("header", header)));
        }

        return query ?? header;
    }

    private static bool SameCharset(string a, string b) =>
        string.Equals(a, b, StringComparison.OrdinalIgnoreCase)
        || (ImportCharset.IsUtf8(a) && ImportCharset.IsUtf8(b))
        || (ImportCharset.Find(a) is { } x && ImportCharset.Find(b) is { } y && x.Name == y.Name);

    private static char? ReadDelimiter(string? delimiter) => delimiter?.Trim().ToLowerInvariant() switch
    {
        null or "" or "auto" => null,
        "comma" or "," => ',',
        "semicolon" or ";" => ';',
        "tab" or "\t" => '\t',
        _ => throw new BadRequestException("delimiter", Texts.Get("import.delimiter")),
    };
}
