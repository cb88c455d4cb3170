using System.Globalization;
using Crm.Application.Common;
using Crm.Application.Customers.ExportCustomers;
using Crm.Application.Customers.ListCustomers;
using Crm.Contracts.Customers;
using Crm.Web.Auth;
using CsvHelper;
using CsvHelper.Configuration;
using Mediator;

namespace Crm.Web.Endpoints;

public static class ExportsEndpoints
{
    public static IEndpointRouteBuilder MapExportsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/exports/customers", async (
                HttpContext http, IMediator mediator, CancellationToken ct, string? format, string? q, string? kind, string? type,
                string? lifecycleStage, Guid? ownerId, string? tag, bool? archived, string[]? customField) =>
            {
                var rows = await mediator.Send(new ExportCustomers(new CustomerFilter(q, kind, type, lifecycleStage, ownerId, tag, archived ?? false, customField)), ct);
                var json = string.Equals(format, "json", StringComparison.OrdinalIgnoreCase)
                    || (format is null && http.Request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)));
                var stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
                http.Response.Headers.ContentDisposition = $"attachment; filename=\"customers-{stamp}.{(json ? "json" : "csv")}\"";
                if (json)
                {
                    return Results.Ok(rows); // System.Text.Json streams IAsyncEnumerable element by element
                }

                http.Response.ContentType = "text/csv; charset=utf-8";
                await CsvExport.WriteCustomersAsync(http.Response.Body, rows, ct);
                return Results.Empty;
            })
            .RequireAuthorization(Policies.CustomersRead)
            .WithTags("Exports")
            .WithName("ExportCustomers")
            .WithSummary("Export customers (CSV or JSON, streamed)")
            .WithDescription("Every customer matching the same filters as the list, in id order, streamed with constant memory. CSV unless `format=json` or `Accept: application/json`. Cells starting with = + - @ (or a tab or carriage return) are prefixed with ' so spreadsheets do not run them as formulas.")
            .Produces<IAsyncEnumerable<CustomerResponse>>(contentType: "application/json")
            .Produces<string>(StatusCodes.Status200OK, "text/csv")
            .ProducesValidationProblem();
        return app;
    }
}

/// <summary>CSV writing for exports: flat columns, formula injection neutralised.</summary>
public static class CsvExport
{
    public static readonly string[] CustomerColumns =
    [
        "id", "kind", "name", "email", "phone", "website", "type", "lifecycleStage", "ownerId", "tags", "externalId",
        "addressLine1", "addressLine2", "city", "region", "postalCode", "country", "archivedAt", "createdAt", "updatedAt",
    ];

    public static async Task WriteCustomersAsync(Stream body, IAsyncEnumerable<CustomerResponse> rows, CancellationToken ct)
    {
        await using var writer = new StreamWriter(body, new System.Text.UTF8Encoding(false), bufferSize: 1 << 16, leaveOpen: true);
        await using var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture));
        foreach (var column in CustomerColumns)
        {
            csv.WriteField(column);
        }

        await csv.NextRecordAsync();
        var count = 0;
        await foreach (var c in rows.WithCancellation(ct))
        {
            csv.WriteField(c.Id);
            csv.WriteField(JsonName(c.Kind));
            csv.WriteField(CsvCells.Neutralise(c.Name));
            csv.WriteField(CsvCells.Neutralise(c.Email));
            csv.WriteField(CsvCells.Neutralise(c.Phone));
            csv.WriteField(CsvCells.Neutralise(c.Website));
            csv.WriteField(JsonName(c.Type));
            csv.WriteField(c.LifecycleStage is { } stage ? JsonName(stage) : null);
            csv.WriteField(c.OwnerId);
            csv.WriteField(CsvCells.Neutralise(string.Join(';', c.Tags)));
            csv.WriteField(CsvCells.Neutralise(c.ExternalId));
            csv.WriteField(CsvCells.Neutralise(c.Address?.Line1));
            csv.WriteField(CsvCells.Neutralise(c.Address?.Line2));
            csv.WriteField(CsvCells.Neutralise(c.Address?.City));
            csv.WriteField(CsvCells.Neutralise(c.Address?.Region));
            csv.WriteField(CsvCells.Neutralise(c.Address?.PostalCode));
            csv.WriteField(c.Address?.Country);
            csv.WriteField(c.ArchivedAt?.ToString("O", CultureInfo.InvariantCulture));
            csv.WriteField(c.CreatedAt.ToString("O", CultureInfo.InvariantCulture));
            csv.WriteField(c.UpdatedAt.ToString("O", CultureInfo.InvariantCulture));
            await csv.NextRecordAsync();
            if (++count % 1000 == 0)
            {
                await writer.FlushAsync(ct); // keep memory flat: hand rows to the socket as we go
            }
        }
    }

    private static string JsonName<TEnum>(TEnum value)
        where TEnum : struct, Enum => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
}
