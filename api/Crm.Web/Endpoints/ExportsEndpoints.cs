using System.Text.Json;
using Crm.Application.Contacts.ExportContacts;
using Crm.Application.Contacts.ListContacts;
using Crm.Application.Customers.ExportCustomers;
using Crm.Application.Customers.ListCustomers;
using Crm.Application.Exports;
using Crm.Application.Exports.CreateExportLink;
using Crm.Application.Exports.OpenExportLink;
using Crm.Application.Exports.RecordExport;
using Crm.Contracts.Customers;
using Crm.Contracts.Exports;
using Crm.Web.Auth;
using Crm.Web.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using static Crm.Web.Infrastructure.CsvExport;

namespace Crm.Web.Endpoints;

public static class ExportsEndpoints
{
    private const string Neutralised = "Cells starting with = + - @ (or a tab or carriage return) are prefixed with ' so spreadsheets do not run them as formulas.";

    /// <summary>The 503 of uploads, exports and downloads of rejected rows (BulkWorkBusyException), for their descriptions.</summary>
    internal const string BulkBusy = "Uploads, exports and downloads of rejected rows share a few database connections of their own (`Database__BulkPoolSize`); when all stay busy past the pool's wait, the answer is 503 with `Retry-After` and nothing is written.";

    public static readonly CsvColumn<CustomerResponse>[] CustomerColumns =
    [
        new("id", c => c.Id.ToString()),
        new("kind", c => JsonName(c.Kind)),
        new("name", c => c.Name),
        new("email", c => c.Email),
        new("phone", c => c.Phone),
        new("website", c => c.Website),
        new("type", c => JsonName(c.Type)),
        new("lifecycleStage", c => c.LifecycleStage is { } stage ? JsonName(stage) : null),
        new("ownerId", c => c.OwnerId?.ToString()),
        new("tags", c => string.Join(';', c.Tags)),
        new("externalId", c => c.ExternalId),
        new("addressLine1", c => c.Address?.Line1),
        new("addressLine2", c => c.Address?.Line2),
        new("city", c => c.Address?.City),
        new("region", c => c.Address?.Region),
        new("postalCode", c => c.Address?.PostalCode),
        new("country", c => c.Address?.Country),
        new("archivedAt", c => c.ArchivedAt is { } t ? Time(t) : null),
        new("createdAt", c => Time(c.CreatedAt)),
        new("updatedAt", c => Time(c.UpdatedAt)),
    ];

    public static readonly CsvColumn<ContactResponse>[] ContactColumns =
    [
        new("id", c => c.Id.ToString()),
        new("customerId", c => c.CustomerId.ToString()),
        new("firstName", c => c.FirstName),
        new("lastName", c => c.LastName),
        new("email", c => c.Email),
        new("phone", c => c.Phone),
        new("jobTitle", c => c.JobTitle),
        new("emailConsent", c => c.EmailConsent ? "true" : "false"),
        new("externalId", c => c.ExternalId),
        new("archivedAt", c => c.ArchivedAt is { } t ? Time(t) : null),
        new("createdAt", c => Time(c.CreatedAt)),
        new("updatedAt", c => Time(c.UpdatedAt)),
    ];

    private const string Links = "The link is a GET without Authorization, good once and for 60 s (`Exports__LinkLifetime`), that answers what the GET export with the same filters answers, as the user who asked for it (still active and still allowed to read customers when the download starts; a link made with an API token also needs that token unrevoked, unexpired and with `customers:read` then): a browser saves it with its own progress, and nothing is held in memory. The filters are checked now (the same 400s as the export). The format is chosen now too: `format`, else `Accept: application/json`, else CSV.";

    public static IEndpointRouteBuilder MapExportsEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/exports").WithTags("Exports").RequireAuthorization(Policies.CustomersRead);

        group.MapGet("/customers", async (
                HttpContext http, IMediator mediator, CancellationToken ct, string? format, string? q, string? kind, string? type,
                string? lifecycleStage, Guid? ownerId, string? tag, bool? archived, string[]? customField) =>
                await ExportAsync(http, mediator, new CustomersExport(ChooseFormat(http, format), new CustomerFilter(q, kind, type, lifecycleStage, ownerId, tag, archived ?? false, customField)), null, ct))
            .WithName("ExportCustomers")
            .WithSummary("Export customers (CSV or JSON, streamed)")
            .WithDescription("Every customer matching the same filters as the list, in id order, streamed with constant memory. CSV unless `format=json` or `Accept: application/json`; the CSV ends with one column per customer custom field, headed by its key, so the file re-imports through POST /imports. " + Neutralised + " " + Head + " " + Audited + " " + BulkBusy)
            .Produces<IAsyncEnumerable<CustomerResponse>>(contentType: "application/json")
            .Produces<string>(StatusCodes.Status200OK, "text/csv")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        group.MapPost("/customers/links", async (
                HttpContext http, IMediator mediator, CancellationToken ct, string? format, string? q, string? kind, string? type,
                string? lifecycleStage, Guid? ownerId, string? tag, bool? archived, [FromQuery] string[]? customField) =>
                await LinkAsync(mediator, new CustomersExport(ChooseFormat(http, format), new CustomerFilter(q, kind, type, lifecycleStage, ownerId, tag, archived ?? false, customField)), ct))
            .WithName("CreateCustomersExportLink")
            .WithSummary("Make a single-use download link for a customers export")
            .WithDescription("Takes the query parameters of GET /exports/customers. " + Links)
            .Produces<ExportLinkResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem();

        group.MapGet("/contacts", async (
                HttpContext http, IMediator mediator, CancellationToken ct, string? format, string? q, Guid? customerId, bool? archived) =>
                await ExportAsync(http, mediator, new ContactsExport(ChooseFormat(http, format), new ContactFilter(customerId, q, archived ?? false)), null, ct))
            .WithName("ExportContacts")
            .WithSummary("Export contacts (CSV or JSON, streamed)")
            .WithDescription("Every contact matching the same filters as the list (`q`, `customerId`, `archived`), in id order, streamed with constant memory. CSV unless `format=json` or `Accept: application/json`; the CSV ends with one column per contact custom field, headed by its key. " + Neutralised + " " + Head + " " + Audited + " " + BulkBusy)
            .Produces<IAsyncEnumerable<ContactResponse>>(contentType: "application/json")
            .Produces<string>(StatusCodes.Status200OK, "text/csv")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        group.MapPost("/contacts/links", async (
                HttpContext http, IMediator mediator, CancellationToken ct, string? format, string? q, Guid? customerId, bool? archived) =>
                await LinkAsync(mediator, new ContactsExport(ChooseFormat(http, format), new ContactFilter(customerId, q, archived ?? false)), ct))
            .WithName("CreateContactsExportLink")
            .WithSummary("Make a single-use download link for a contacts export")
            .WithDescription("Takes the query parameters of GET /exports/contacts (an unknown `customerId` is a 404). " + Links)
            .Produces<ExportLinkResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/downloads/{token}", async (HttpContext http, IMediator mediator, string token, CancellationToken ct) =>
            {
                // The URL is a secret: no cache keeps the file, and no page it leads to learns it from Referer.
                http.Response.Headers.CacheControl = "no-store";
                http.Response.Headers["Referrer-Policy"] = "no-referrer";
                var link = await mediator.Send(new OpenExportLink(token), ct);
                return await ExportAsync(http, mediator, link.Target, link, ct);
            })
            .AllowAnonymous()
            .WithName("DownloadExport")
            .WithSummary("Download an export through a link (no Authorization)")
            .WithDescription("The link from POST /exports/customers/links or /exports/contacts/links: the export it was made for, streamed as GET /exports/customers or /exports/contacts answers it, with `Content-Disposition: attachment`, `Cache-Control: no-store` and `Referrer-Policy: no-referrer`. Good once: a link that is unknown, used or expired is a 404 (one message for all three); one whose user has since been deactivated or lost the right to read customers, or that was made with an API token since revoked, expired or without `customers:read`, is a 403 (and the link stays unused). Of two downloads at once, exactly one gets the file. HEAD answers the headers without using the link up or reading rows. " + Audited + " " + BulkBusy + " A 503 leaves the link unused.")
            .Produces<IAsyncEnumerable<JsonElement>>(contentType: "application/json")
            .Produces<string>(StatusCodes.Status200OK, "text/csv")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    private const string Audited = "Each export that starts streaming is written to the audit log (GET /audit, action `exported`, entity type `export`: who, what, in which format, with which filters, directly or through a link); a refused one and a HEAD are not.";

    private const string Head = "HEAD answers the same headers (Content-Type, Content-Disposition) without reading a row.";

    /// <summary>
    /// Streams <paramref name="target"/>, directly or through <paramref name="link"/>. Once the export holds its connection
    /// and before a row is read, the link is claimed (so that a 503 for a busy pool leaves it unused) and the export is
    /// written to the audit log (so that a refused one is not). A HEAD checks the filters, answers the headers and neither
    /// reads rows, claims nor audits.
    /// </summary>
    private static async Task<IResult> ExportAsync(HttpContext http, IMediator mediator, ExportTarget target, OpenedExportLink? link, CancellationToken ct)
    {
        var head = HeadRequestMiddleware.IsHead(http);
        switch (target)
        {
            case CustomersExport customers:
            {
                var export = await mediator.Send(new ExportCustomers(customers.Filter, DryRun: head), ct);
                await StartAsync(mediator, target, link, head, ct);
                return await SendAsync(http, "customers", customers.Format, export, CustomerColumns, c => c.CustomFields, ct);
            }

            case ContactsExport contacts:
            {
                var export = await mediator.Send(new ExportContacts(contacts.Filter, DryRun: head), ct);
                await StartAsync(mediator, target, link, head, ct);
                return await SendAsync(http, "contacts", contacts.Format, export, ContactColumns, c => c.CustomFields, ct);
            }

            default:
                throw new InvalidOperationException($"No export for {target.GetType().Name}.");
        }
    }

    private static async Task StartAsync(IMediator mediator, ExportTarget target, OpenedExportLink? link, bool head, CancellationToken ct)
    {
        if (head)
        {
            return;
        }

        if (link is not null)
        {
            await mediator.Send(new ClaimExportLink(link.Id), ct);
        }

        await mediator.Send(new RecordExport(target, link), ct);
    }

    /// <summary>Checks the filters as the export would (no connection of the bulk pool, no rows), then makes the link.</summary>
    private static async Task<IResult> LinkAsync(IMediator mediator, ExportTarget target, CancellationToken ct)
    {
        switch (target)
        {
            case CustomersExport customers:
                await mediator.Send(new ExportCustomers(customers.Filter, DryRun: true), ct);
                break;
            case ContactsExport contacts:
                await mediator.Send(new ExportContacts(contacts.Filter, DryRun: true), ct);
                break;
            default:
                throw new InvalidOperationException($"No export for {target.GetType().Name}.");
        }

        var link = await mediator.Send(new CreateExportLink(target), ct);
        return TypedResults.Created(link.Url, link);
    }
}
