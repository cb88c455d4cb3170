using Crm.Application.CustomFields.CreateCustomField;
using Crm.Application.CustomFields.DeleteCustomField;
using Crm.Application.CustomFields.GetCustomField;
using Crm.Application.CustomFields.ListCustomFields;
using Crm.Application.CustomFields.UpdateCustomField;
using Crm.Contracts.Common;
using Crm.Contracts.CustomFields;
using Crm.Web.Auth;
using Crm.Web.Infrastructure;
using Mediator;

namespace Crm.Web.Endpoints;

public static class CustomFieldsEndpoints
{
    public static IEndpointRouteBuilder MapCustomFieldsEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/custom-fields").WithTags("Custom fields").RequireAuthorization(Policies.CustomersRead);

        group.MapGet("/", async (IMediator mediator, CancellationToken ct, string? entity, int? limit, string? cursor) =>
                TypedResults.Ok(await mediator.Send(new ListCustomFields { Entity = entity, Limit = limit ?? Application.Common.Paging.DefaultLimit, Cursor = cursor }, ct)))
            .WithName("ListCustomFields")
            .WithSummary("List custom field definitions")
            .WithDescription("The extra fields Admins defined, optionally for one entity. Values travel in each record's `customFields` object, keyed by `key`; list endpoints filter on them with `customField=key:value`. In creation order, keyset-paginated like every list (`limit` 1–200, default 50; pass `nextCursor` back as `cursor`).")
            .Produces<Page<CustomFieldResponse>>()
            .ProducesValidationProblem();

        group.MapGet("/{id:guid}", async (Guid id, IMediator mediator, HttpContext http, CancellationToken ct) =>
                ETags.Ok(http, await mediator.Send(new GetCustomField(id), ct)))
            .WithName("GetCustomField")
            .WithSummary("Get a custom field definition")
            .Produces<CustomFieldResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/", async (CreateCustomFieldRequest input, IMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                var created = await mediator.Send(new CreateCustomField(input), ct);
                return ETags.Created(http, $"/api/v1/custom-fields/{created.Value.Id}", created);
            })
            .RequireAuthorization(Policies.Admin)
            .Idempotent()
            .WithName("CreateCustomField")
            .WithSummary("Define a custom field (Admin)")
            .WithDescription("Types: text, number, date (YYYY-MM-DD), boolean, choice and multiChoice (with `options`). The key and type never change. A second field with the same key on the same entity is a 409.")
            .Produces<CustomFieldResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapPut("/{id:guid}", async (Guid id, UpdateCustomFieldRequest input, IMediator mediator, HttpContext http, CancellationToken ct) =>
                ETags.Ok(http, await mediator.Send(new UpdateCustomField(id, input, ETags.IfMatch(http.Request)), ct)))
            .RequireAuthorization(Policies.Admin)
            .WithName("ReplaceCustomField")
            .WithSummary("Change a custom field's label, help text or options (Admin)")
            .WithDescription("Removing an option that records still hold is a 409 that says how many.")
            .Produces<CustomFieldResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);

        group.MapDelete("/{id:guid}", async (Guid id, IMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                await mediator.Send(new DeleteCustomField(id, ETags.IfMatch(http.Request)), ct);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(Policies.Admin)
            .WithName("DeleteCustomField")
            .WithSummary("Delete a custom field and its values (Admin)")
            .WithDescription("Removes the definition and, in the same transaction, its value from every record. Each record that held a value gets an audit entry (updated, by you, with its custom fields before and after); no webhook events are sent for these changes, as for imports.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);

        return app;
    }
}
