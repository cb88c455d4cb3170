using Crm.Application.Contacts.ExportContacts;
using Crm.Application.Contacts.ListContacts;
using Crm.Application.Customers.ExportCustomers;
using Crm.Application.Customers.ListCustomers;
using Crm.Contracts.Customers;
using Crm.Web.Auth;
using Crm.Web.Infrastructure;
using Mediator;
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

    public static IEndpointRouteBuilder MapExportsEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/exports").WithTags("Exports").RequireAuthorization(Policies.CustomersRead);

        group.MapGet("/customers", async (
                HttpContext http, IMediator mediator, CancellationToken ct, string? format, string? q, string? kind, string? type,
                string? lifecycleStage, Guid? ownerId, string? tag, bool? archived, string[]? customField) =>
            {
                CheckFormat(format);
                var export = await mediator.Send(new ExportCustomers(new CustomerFilter(q, kind, type, lifecycleStage, ownerId, tag, archived ?? false, customField)), ct);
                return await SendAsync(http, "customers", format, export, CustomerColumns, c => c.CustomFields, ct);
            })
            .WithName("ExportCustomers")
            .WithSummary("Export customers (CSV or JSON, streamed)")
            .WithDescription("Every customer matching the same filters as the list, in id order, streamed with constant memory. CSV unless `format=json` or `Accept: application/json`; the CSV ends with one column per customer custom field, headed by its key, so the file re-imports through POST /imports. " + Neutralised + " " + BulkBusy)
            .Produces<IAsyncEnumerable<CustomerResponse>>(contentType: "application/json")
            .Produces<string>(StatusCodes.Status200OK, "text/csv")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        group.MapGet("/contacts", async (
                HttpContext http, IMediator mediator, CancellationToken ct, string? format, string? q, Guid? customerId, bool? archived) =>
            {
                CheckFormat(format);
                var export = await mediator.Send(new ExportContacts(new ContactFilter(customerId, q, archived ?? false)), ct);
                return await SendAsync(http, "contacts", format, export, ContactColumns, c => c.CustomFields, ct);
            })
            .WithName("ExportContacts")
            .WithSummary("Export contacts (CSV or JSON, streamed)")
            .WithDescription("Every contact matching the same filters as the list (`q`, `customerId`, `archived`), in id order, streamed with constant memory. CSV unless `format=json` or `Accept: application/json`; the CSV ends with one column per contact custom field, headed by its key. " + Neutralised + " " + BulkBusy)
            .Produces<IAsyncEnumerable<ContactResponse>>(contentType: "application/json")
            .Produces<string>(StatusCodes.Status200OK, "text/csv")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }
}
