using Crm.Application.ApiTokens.CreateApiToken;
using Crm.Application.ApiTokens.GetApiToken;
using Crm.Application.ApiTokens.ListApiTokens;
using Crm.Application.ApiTokens.RevokeApiToken;
using Crm.Application.Common;
using Crm.Contracts.ApiTokens;
using Crm.Contracts.Common;
using Crm.Web.Auth;
using Crm.Web.Infrastructure;
using Mediator;

namespace Crm.Web.Endpoints;

public static class ApiTokensEndpoints
{
    public static IEndpointRouteBuilder MapApiTokensEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/api-tokens").WithTags("API tokens").RequireAuthorization(Policies.Interactive);

        group.MapPost("/", async (CreateApiTokenRequest input, IMediator mediator, CancellationToken ct) =>
            {
                var created = await mediator.Send(new CreateApiToken(input), ct);
                return TypedResults.Created($"/api/v1/api-tokens/{created.Token.Id}", created);
            })
            // Not idempotent: a replay would need the response, secret included, stored for a day, where only its
            // SHA-256 may be kept. A key sent anyway is refused rather than ignored, so no client believes it holds.
            .AddEndpointFilter(async (context, next) =>
            {
                if (!context.HttpContext.Request.Headers.ContainsKey(IdempotencyMiddleware.Header))
                {
                    return await next(context);
                }

                await IdempotencyMiddleware.WriteProblem(context.HttpContext, context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>(),
                    IdempotencyMiddleware.HeaderProblem(Texts.Get("idempotency.apiToken")));
                return Results.Empty;
            })
            .WithName("CreateApiToken")
            .WithSummary("Create an API token")
            .WithDescription("The secret (`crm_pat_…`) is returned once. Send it as `Authorization: Bearer crm_pat_…`. The token acts as you, narrowed to its scopes, and never exceeds your role. Takes no `Idempotency-Key` (400): the secret is never stored, so the response cannot be replayed.")
            .Produces<CreatedApiTokenResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapGet("/", async (IMediator mediator, CancellationToken ct, int? limit, string? cursor) =>
                TypedResults.Ok(await mediator.Send(new ListApiTokens { Limit = limit ?? Application.Common.Paging.DefaultLimit, Cursor = cursor }, ct)))
            .WithName("ListApiTokens")
            .WithSummary("List API tokens")
            .WithDescription("Your tokens; Admins see everyone's. Secrets are never shown again. Newest first, keyset-paginated like every list (`limit` 1–200, default 50; pass `nextCursor` back as `cursor`).")
            .Produces<Page<ApiTokenResponse>>()
            .ProducesValidationProblem();

        group.MapGet("/{id:guid}", async (Guid id, IMediator mediator, HttpContext http, CancellationToken ct) =>
                ETags.Ok(http, await mediator.Send(new GetApiToken(id), ct)))
            .WithName("GetApiToken")
            .WithSummary("Get an API token")
            .WithDescription("One token as the list shows it: name, prefix, scopes, expiry, last use, revocation. Never the secret. Your own tokens; an Admin reads everyone's, anyone else gets a 404 for another's. Where the `Location` of POST /api-tokens points. Returns a strong `ETag`.")
            .Produces<ApiTokenResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapDelete("/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new RevokeApiToken(id), ct);
                return TypedResults.NoContent();
            })
            .WithName("RevokeApiToken")
            .WithSummary("Revoke an API token")
            .ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }
}
