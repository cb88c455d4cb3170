using Crm.Application.Audit.ListAudit;
using Crm.Web.Auth;
using Mediator;

namespace Crm.Web.Endpoints;

public static class AuditEndpoints
{
    public static IEndpointRouteBuilder MapAuditEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/audit", async (
                IMediator mediator, CancellationToken ct, string? entityType, Guid? entityId, Guid? actorId, int? limit, string? cursor) =>
            TypedResults.Ok(await mediator.Send(new ListAudit
            {
                EntityType = entityType,
                EntityId = entityId,
                ActorId = actorId,
                Limit = limit ?? Application.Common.Paging.DefaultLimit,
                Cursor = cursor,
            }, ct)))
            .RequireAuthorization(Policies.AuditRead)
            .WithTags("Audit")
            .WithName("ListAudit")
            .WithSummary("Audit log (Admin, Manager)")
            .WithDescription("Every change to customers, contacts, users, departments, API tokens, custom fields and webhook subscriptions, newest first: who, what, when, and each changed field before and after; and every export of customers or contacts as it starts (action `exported`, entity type `export`, what was exported and how in `changes`). "
                + "`entityType` is one of: " + string.Join(", ", Application.Audit.AuditEntityTypes.All) + " (any other is a 400).")
            .ProducesValidationProblem();
        return app;
    }
}
