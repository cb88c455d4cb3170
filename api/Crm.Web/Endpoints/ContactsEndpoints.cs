using Crm.Application.Batches;
using Crm.Application.Contacts.ArchiveContact;
using Crm.Application.Contacts.CreateContact;
using Crm.Application.Contacts.GetContact;
using Crm.Application.Contacts.ListContacts;
using Crm.Application.Contacts.PatchContact;
using Crm.Application.Contacts.RestoreContact;
using Crm.Application.Contacts.UpdateContact;
using Crm.Application.Contacts.UpsertContacts;
using Crm.Contracts.Customers;
using Crm.Web.Auth;
using Crm.Web.Infrastructure;
using Mediator;

namespace Crm.Web.Endpoints;

public static class ContactsEndpoints
{
    public static IEndpointRouteBuilder MapContactsEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/contacts").WithTags("Contacts").RequireAuthorization(Policies.CustomersRead);

        group.MapGet("/", async (
                IMediator mediator, CancellationToken ct, Guid? customerId, int? limit, string? cursor, string? q, string? sort, bool? archived, bool? includeTotal,
                string[]? customField) =>
            TypedResults.Ok(await mediator.Send(new ListContacts
            {
                CustomerId = customerId,
                Limit = limit ?? Application.Common.Paging.DefaultLimit,
                Cursor = cursor,
                Q = q,
                Sort = sort,
                Archived = archived ?? false,
                IncludeTotal = includeTotal ?? false,
                CustomFields = customField,
            }, ct)))
            .WithName("ListContacts")
            .WithSummary("List contacts")
            .WithDescription("Keyset-paginated; `q` is fuzzy and accent-insensitive over names, email, phone and job title; `sort` is firstName, createdAt or updatedAt (prefix - for descending); first names sort as people read them (letters first, then accents, then case; numbers by value). `customField=key:value` (repeatable) filters on custom fields.")
            .ProducesValidationProblem();

        group.MapPost("/", async (ContactInput input, IMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                var created = await mediator.Send(new CreateContact(input), ct);
                return ETags.Created(http, $"/api/v1/contacts/{created.Value.Id}", created);
            })
            .RequireAuthorization(Policies.CustomersWrite)
            .Idempotent()
            .WithName("CreateContact")
            .WithSummary("Create a contact")
            .WithDescription("A contact with the same email is a 409 that links the existing one.")
            .Produces<ContactResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapPost("/batch", async (HttpRequest request, IMediator mediator, CancellationToken ct) =>
            {
                // Read as a document so that each item's JSON says which fields it carries: an update changes only those.
                var batch = BatchBody.Read<ContactInput>(await JsonBody.ReadAsync(request, ct));
                return TypedResults.Ok(await mediator.Send(new UpsertContacts(batch), ct));
            })
            .RequireAuthorization(Policies.CustomersWrite)
            .Accepts<ContactBatchRequest>("application/json")
            .WordedInRequestLanguage()
            .Idempotent()
            .WithName("UpsertContacts")
            .WithSummary("Create or update up to 1,000 contacts")
            .WithDescription("Each item is matched on `matchOn` (email or externalId; every item must carry it) and created, updated or left unchanged. An item that matches a contact updates it as a JSON merge patch (as PATCH does): fields the item leaves out keep their stored values, `null` clears an optional field (on `emailConsent`, which is required, that item is invalid; on `firstName` or `customerId` too), `customFields` merge key by key (keys left out are kept, a `null` key is removed; `null` for the whole object clears them). An item that matches none creates a contact from what it carries (it needs `customerId` and `firstName`). Invalid items (including an unknown `customerId`) and conflicting ones are reported with their field errors and change nothing. Valid items are written in one transaction. Repeating a batch changes nothing. A batch whose records another request writes at the same moment is run again from its reads, so its items are still answered one by one; a 409 only if that keeps happening (nothing is written then).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapGet("/{id:guid}", async (Guid id, IMediator mediator, HttpContext http, CancellationToken ct) =>
                ETags.Ok(http, await mediator.Send(new GetContact(id), ct)))
            .WithName("GetContact")
            .WithSummary("Get a contact")
            .Produces<ContactResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPut("/{id:guid}", async (Guid id, ContactInput input, IMediator mediator, HttpContext http, CancellationToken ct) =>
                ETags.Ok(http, await mediator.Send(new UpdateContact(id, input, ETags.IfMatch(http.Request)), ct)))
            .RequireAuthorization(Policies.CustomersWrite)
            .WithName("ReplaceContact")
            .WithSummary("Replace a contact")
            .Produces<ContactResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);

        group.MapPatch("/{id:guid}", async (Guid id, IMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                var patch = await MergePatchBody.ReadAsync(http.Request, ct);
                return ETags.Ok(http, await mediator.Send(new PatchContact(id, patch, ETags.IfMatch(http.Request)), ct));
            })
            .RequireAuthorization(Policies.CustomersWrite)
            .AcceptsMergePatch<ContactInput>()
            .WithName("PatchContact")
            .WithSummary("Change some fields of a contact")
            .Produces<ContactResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        group.MapDelete("/{id:guid}", async (Guid id, IMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                await mediator.Send(new ArchiveContact(id, ETags.IfMatch(http.Request)), ct);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(Policies.CustomersWrite)
            .WithName("ArchiveContact")
            .WithSummary("Archive a contact")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);

        group.MapPost("/{id:guid}/restore", async (Guid id, IMediator mediator, HttpContext http, CancellationToken ct) =>
                ETags.Ok(http, await mediator.Send(new RestoreContact(id), ct)))
            .RequireAuthorization(Policies.CustomersWrite)
            .WithName("RestoreContact")
            .WithSummary("Restore an archived contact")
            .Produces<ContactResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }
}
