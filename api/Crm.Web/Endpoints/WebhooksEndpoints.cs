using Crm.Application.Webhooks.CreateWebhook;
using Crm.Application.Webhooks.DeleteWebhook;
using Crm.Application.Webhooks.GetWebhook;
using Crm.Application.Webhooks.ListWebhookDeliveries;
using Crm.Application.Webhooks.ListWebhooks;
using Crm.Application.Webhooks.PatchWebhook;
using Crm.Application.Webhooks.PingWebhook;
using Crm.Application.Webhooks.ReplayWebhookDelivery;
using Crm.Application.Webhooks.UpdateWebhook;
using Crm.Contracts.Common;
using Crm.Contracts.Webhooks;
using Crm.Web.Auth;
using Crm.Web.Infrastructure;
using Mediator;

namespace Crm.Web.Endpoints;

public static class WebhooksEndpoints
{
    public static IEndpointRouteBuilder MapWebhooksEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/webhooks").WithTags("Webhooks").RequireAuthorization(Policies.WebhooksManage);

        group.MapPost("/", async (WebhookInput input, IMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                var created = await mediator.Send(new CreateWebhook(input), ct);
                return ETags.Created(http, $"/api/v1/webhooks/{created.Value.Webhook.Id}", created);
            })
            .Idempotent()
            .WithName("CreateWebhook")
            .WithSummary("Subscribe to events (Admin; API tokens need webhooks:manage)")
            .WithDescription("Events are POSTed as `{ id, type, occurredAt, data }` (data: the resource as its GET returns it) with `Crm-Event-Id`, `Crm-Event-Type` and `Crm-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of \"<t>.<body>\" keyed with the secret>`. Omit `secret` to get a generated `whsec_…` one; it is returned here only. Targets must be https on a public address. A 2xx answer is success; anything else, or no answer within 10 s, is retried with exponential backoff for 24 h.")
            .Produces<CreatedWebhookResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapGet("/", async (IMediator mediator, CancellationToken ct, int? limit, string? cursor) =>
                TypedResults.Ok(await mediator.Send(new ListWebhooks { Limit = limit ?? Application.Common.Paging.DefaultLimit, Cursor = cursor }, ct)))
            .WithName("ListWebhooks")
            .WithSummary("List webhook subscriptions")
            .WithDescription("Oldest first, keyset-paginated. Secrets are not shown.")
            .Produces<Page<WebhookResponse>>()
            .ProducesValidationProblem();

        group.MapGet("/{id:guid}", async (Guid id, IMediator mediator, HttpContext http, CancellationToken ct) =>
                ETags.Ok(http, await mediator.Send(new GetWebhook(id), ct)))
            .WithName("GetWebhook")
            .WithSummary("Get a webhook subscription")
            .Produces<WebhookResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPut("/{id:guid}", async (Guid id, WebhookInput input, IMediator mediator, HttpContext http, CancellationToken ct) =>
                ETags.Ok(http, await mediator.Send(new UpdateWebhook(id, input, ETags.IfMatch(http.Request)), ct)))
            .WithName("ReplaceWebhook")
            .WithSummary("Replace a webhook subscription")
            .WithDescription("Replaces every field; without `secret` the current secret is kept. With `If-Match`, a stale ETag is a 412.")
            .Produces<WebhookResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);

        group.MapPatch("/{id:guid}", async (Guid id, IMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                var patch = await MergePatchBody.ReadAsync(http.Request, ct);
                return ETags.Ok(http, await mediator.Send(new PatchWebhook(id, patch, ETags.IfMatch(http.Request)), ct));
            })
            .AcceptsMergePatch<WebhookInput>()
            .WithName("PatchWebhook")
            .WithSummary("Change some fields of a webhook subscription")
            .WithDescription("JSON merge patch (RFC 7396), validated like PUT: `{ \"active\": false }` pauses deliveries, `{ \"secret\": \"…\" }` rotates the secret.")
            .Produces<WebhookResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        group.MapDelete("/{id:guid}", async (Guid id, IMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                await mediator.Send(new DeleteWebhook(id, ETags.IfMatch(http.Request)), ct);
                return TypedResults.NoContent();
            })
            .WithName("DeleteWebhook")
            .WithSummary("Delete a webhook subscription")
            .WithDescription("Deletes the subscription and its delivery log; nothing more is sent to it.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);

        group.MapPost("/{id:guid}/ping", async (Guid id, IMediator mediator, CancellationToken ct) =>
            {
                var accepted = await mediator.Send(new PingWebhook(id), ct);
                return TypedResults.Accepted($"/api/v1/webhooks/{id}/deliveries", accepted);
            })
            .WithName("PingWebhook")
            .WithSummary("Send a test event")
            .WithDescription("Queues a `webhook.ping` event (data: the subscription) for this subscription only, signed like every event.")
            .Produces<WebhookDeliveryAccepted>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapGet("/{id:guid}/deliveries", async (Guid id, IMediator mediator, CancellationToken ct, int? limit, string? cursor, string? status) =>
                TypedResults.Ok(await mediator.Send(new ListWebhookDeliveries
                {
                    SubscriptionId = id,
                    Limit = limit ?? Application.Common.Paging.DefaultLimit,
                    Cursor = cursor,
                    Status = status,
                }, ct)))
            .WithName("ListWebhookDeliveries")
            .WithSummary("The delivery log of a webhook subscription")
            .WithDescription("Newest first, keyset-paginated, each delivery with every attempt (status code, duration, error, the start of the answer). `status` is pending, succeeded or failed.")
            .Produces<Page<WebhookDeliveryResponse>>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/{id:guid}/deliveries/{deliveryId:guid}/replay", async (Guid id, Guid deliveryId, IMediator mediator, CancellationToken ct) =>
            {
                var accepted = await mediator.Send(new ReplayWebhookDelivery(id, deliveryId), ct);
                return TypedResults.Accepted($"/api/v1/webhooks/{id}/deliveries", accepted);
            })
            .WithName("ReplayWebhookDelivery")
            .WithSummary("Send an event again")
            .WithDescription("Queues a new delivery of the same event (same `Crm-Event-Id`, same body, a fresh signature) to this subscription.")
            .Produces<WebhookDeliveryAccepted>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        return app;
    }
}
