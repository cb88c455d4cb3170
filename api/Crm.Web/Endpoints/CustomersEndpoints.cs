using Crm.Application.Batches;
using Crm.Application.Contacts.ListContacts;
using Crm.Application.Customers.ArchiveCustomer;
using Crm.Application.Customers.CreateCustomer;
using Crm.Application.Customers.GetCustomer;
using Crm.Application.Customers.ListCustomers;
using Crm.Application.Customers.PatchCustomer;
using Crm.Application.Customers.RestoreCustomer;
using Crm.Application.Customers.UpdateCustomer;
using Crm.Application.Customers.UpsertCustomers;
using Crm.Contracts.Common;
using Crm.Contracts.Customers;
using Crm.Web.Auth;
using Crm.Web.Infrastructure;
using Mediator;

namespace Crm.Web.Endpoints;

public static class CustomersEndpoints
{
    public static IEndpointRouteBuilder MapCustomersEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/customers").WithTags("Customers").RequireAuthorization(Policies.CustomersRead);

        group.MapGet("/", async (
                IMediator mediator, CancellationToken ct, int? limit, string? cursor, string? q, string? sort, string? kind, string? type,
                string? lifecycleStage, Guid? ownerId, string? tag, bool? archived, bool? includeTotal, string[]? customField) =>
            TypedResults.Ok(await mediator.Send(new ListCustomers
            {
                Limit = limit ?? Application.Common.Paging.DefaultLimit,
                Cursor = cursor,
                Sort = sort,
                IncludeTotal = includeTotal ?? false,
                Filter = new CustomerFilter(q, kind, type, lifecycleStage, ownerId, tag, archived ?? false, customField),
            }, ct)))
            .WithName("ListCustomers")
            .WithSummary("List customers")
            .WithDescription("Keyset-paginated. `q` is a fuzzy, case- and accent-insensitive search over name, email, phone, website, external id and city: every word must match, a misspelt word is corrected to its nearest known spellings, and a word matches longer words of names and places that contain it (kowal finds Kowalski); in e-mails and web addresses it matches whole words, and an address or number typed whole matches as typed. `sort` is name, createdAt or updatedAt, prefixed with - for descending; names sort as people read them, in every script (letters first, then accents, then case; numbers by value: Loja 9 before Loja 10), and search results follow the same order. `archived=true` lists archived customers instead of active ones. `customField=key:value` (repeatable, all must hold) filters on custom fields: the value is read as the field's type, a choice matches case- and accent-insensitively, a multiple choice matches records holding that option.")
            .ProducesValidationProblem();

        group.MapPost("/", async (CustomerInput input, IMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                var created = await mediator.Send(new CreateCustomer(input), ct);
                return ETags.Created(http, $"/api/v1/customers/{created.Value.Id}", created);
            })
            .RequireAuthorization(Policies.CustomersWrite)
            .Idempotent()
            .WithName("CreateCustomer")
            .WithSummary("Create a customer")
            .WithDescription("Email is trimmed and lower-cased, phone normalised to E.164, website to a canonical URL. A customer with the same email or externalId is a 409 whose body links the existing record (`existingId`, `existingUrl`). Send `Idempotency-Key` to make retries safe.")
            .Produces<CustomerResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapPost("/batch", async (HttpRequest request, IMediator mediator, CancellationToken ct) =>
            {
                // Read as a document so that each item's JSON says which fields it carries: an update changes only those.
                var batch = BatchBody.Read<CustomerInput>(await JsonBody.ReadAsync(request, ct));
                return TypedResults.Ok(await mediator.Send(new UpsertCustomers(batch), ct));
            })
            .RequireAuthorization(Policies.CustomersWrite)
            .Accepts<CustomerBatchRequest>("application/json")
            .WordedInRequestLanguage()
            .Idempotent()
            .WithName("UpsertCustomers")
            .WithSummary("Create or update up to 1,000 customers")
            .WithDescription("Each item is matched on `matchOn` (email or externalId; every item must carry it) and created, updated or left unchanged. An item that matches a customer updates it as a JSON merge patch (as PATCH does): fields the item leaves out keep their stored values, `null` clears an optional field (on `kind` or `type`, which are required, that item is invalid), `address` and `customFields` merge part by part (parts left out are kept, a `null` part or key is removed; `null` for the whole object clears it), `tags` is replaced as a whole. An item that matches none creates a customer from what it carries (defaults for the rest). Invalid or conflicting items are reported with their field errors and change nothing. Valid items are written in one transaction. Repeating a batch changes nothing. A batch whose records another request writes at the same moment is run again from its reads, so its items are still answered one by one; a 409 only if that keeps happening (nothing is written then).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapGet("/{id:guid}", async (Guid id, IMediator mediator, HttpContext http, CancellationToken ct) =>
                ETags.Ok(http, await mediator.Send(new GetCustomer(id), ct)))
            .WithName("GetCustomer")
            .WithSummary("Get a customer")
            .WithDescription("Returns a strong `ETag`; send it back as `If-Match` on PUT, PATCH and DELETE.")
            .Produces<CustomerResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPut("/{id:guid}", async (Guid id, CustomerInput input, IMediator mediator, HttpContext http, CancellationToken ct) =>
                ETags.Ok(http, await mediator.Send(new UpdateCustomer(id, input, ETags.IfMatch(http.Request)), ct)))
            .RequireAuthorization(Policies.CustomersWrite)
            .WithName("ReplaceCustomer")
            .WithSummary("Replace a customer")
            .WithDescription("Replaces every editable field. With `If-Match`, a stale ETag is a 412.")
            .Produces<CustomerResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);

        group.MapPatch("/{id:guid}", async (Guid id, IMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                var patch = await MergePatchBody.ReadAsync(http.Request, ct);
                return ETags.Ok(http, await mediator.Send(new PatchCustomer(id, patch, ETags.IfMatch(http.Request)), ct));
            })
            .RequireAuthorization(Policies.CustomersWrite)
            .AcceptsMergePatch<CustomerInput>()
            .WithName("PatchCustomer")
            .WithSummary("Change some fields of a customer")
            .WithDescription("JSON merge patch (RFC 7396): fields present are set, `null` clears an optional field (on `kind` or `type`, which are required, it is a 400), absent fields are kept. Validated like PUT.")
            .Produces<CustomerResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        group.MapDelete("/{id:guid}", async (Guid id, IMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                await mediator.Send(new ArchiveCustomer(id, ETags.IfMatch(http.Request)), ct);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(Policies.CustomersWrite)
            .WithName("ArchiveCustomer")
            .WithSummary("Archive a customer")
            .WithDescription("Archives (nothing is deleted): the customer leaves the default list and can be restored.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);

        group.MapPost("/{id:guid}/restore", async (Guid id, IMediator mediator, HttpContext http, CancellationToken ct) =>
                ETags.Ok(http, await mediator.Send(new RestoreCustomer(id), ct)))
            .RequireAuthorization(Policies.CustomersWrite)
            .WithName("RestoreCustomer")
            .WithSummary("Restore an archived customer")
            .Produces<CustomerResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{id:guid}/contacts", async (
                Guid id, IMediator mediator, CancellationToken ct, int? limit, string? cursor, string? q, string? sort, bool? archived, bool? includeTotal) =>
            TypedResults.Ok(await mediator.Send(new ListContacts
            {
                CustomerId = id,
                Limit = limit ?? Application.Common.Paging.DefaultLimit,
                Cursor = cursor,
                Q = q,
                Sort = sort,
                Archived = archived ?? false,
                IncludeTotal = includeTotal ?? false,
            }, ct)))
            .WithName("ListCustomerContacts")
            .WithSummary("List the contacts of a customer")
            .Produces<Page<ContactResponse>>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }
}
