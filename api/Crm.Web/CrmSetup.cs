using System.Diagnostics;
using System.Globalization;
using System.Threading.RateLimiting;
using Crm.Application;
using Crm.Application.Common;
using Crm.Application.Customers.CreateCustomer;
using Crm.Infrastructure;
using Crm.Infrastructure.Imports;
using Crm.Infrastructure.Persistence;
using Crm.Infrastructure.Webhooks;
using Crm.Web.Auth;
using Crm.Web.Endpoints;
using Crm.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.IdentityModel.Tokens;

namespace Crm.Web;

public static class CrmSetup
{
    public static WebApplicationBuilder AddCrm(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;

        builder.Logging.ClearProviders();
        builder.Logging.AddJsonConsole(o =>
        {
            o.IncludeScopes = true; // carries TraceId/SpanId/RequestPath on every line
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
        });
        // The same JSON lines through a cheaper queue than the stock console logger's (see BatchedConsoleLoggerProvider):
        // the console provider AddJsonConsole added is the only one after ClearProviders, and it is replaced.
        builder.Services.RemoveAll<ILoggerProvider>();
        builder.Services.AddSingleton<ILoggerProvider, BatchedConsoleLoggerProvider>();

        var maxBody = configuration.GetValue("Limits:MaxRequestBodyBytes", 1L << 20);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = maxBody;
            RequestHeadLimitMiddleware.RaiseKestrelLimits(k.Limits); // the API's own, lower, answer with a problem
            k.AddServerHeader = false;
        });

        services.AddApplication(configuration);
        services.AddInfrastructure(configuration);
        services.AddMediator((Mediator.MediatorOptions options) =>
        {
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.Assemblies = [typeof(CreateCustomer)];
            options.PipelineBehaviors = [typeof(ValidationBehaviour<,>)];
        });

        services.ConfigureHttpJsonOptions(o => CrmJson.Configure(o.SerializerOptions));
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true); // bad bodies reach the problem handler
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            ctx.ProblemDetails.Instance ??= LoggedPath.Of(ctx.HttpContext.Request);
            // The framework names a type for the common statuses only; a 429 (RFC 6585) had none.
            ctx.ProblemDetails.Type ??= ctx.ProblemDetails.Status == StatusCodes.Status429TooManyRequests
                ? "https://www.rfc-editor.org/rfc/rfc6585#section-4"
                : "about:blank";
            ctx.ProblemDetails.Extensions["traceId"] = Activity.Current?.TraceId.ToString() ?? ctx.HttpContext.TraceIdentifier;
            if (ctx.ProblemDetails.Status == StatusCodes.Status415UnsupportedMediaType)
            {
                // Routing's 415 (a type the endpoint does not take) comes with the framework's English title only.
                ctx.ProblemDetails.Title = Texts.Get("problem.unsupportedMediaType.title");
                ctx.ProblemDetails.Detail ??= UnsupportedMediaType.Detail(ctx.HttpContext);
            }
            else if (ctx.ProblemDetails.Status == StatusCodes.Status405MethodNotAllowed)
            {
                // Routing's 405 (a method the address does not answer) comes with the framework's English title only.
                ctx.ProblemDetails.Title = Texts.Get("problem.methodNotAllowed.title");
                var allowed = ctx.HttpContext.Response.Headers.Allow.ToString();
                ctx.ProblemDetails.Detail ??= allowed.Length > 0 ? Texts.Format("problem.methodNotAllowed.detail", ("methods", allowed)) : null;
            }

            RequestLanguage.Declare(ctx.HttpContext.Response);
        });
        services.AddRequestLocalization(RequestLanguage.Configure);
        services.AddExceptionHandler<ProblemDetailsExceptionHandler>();

        var jwt = JwtSettings.Load(configuration, builder.Environment);
        services.AddSingleton(jwt);
        services.AddHttpContextAccessor();
        services.AddSingleton<ICurrentUser, HttpCurrentUser>();
        services.AddSingleton<IAccessTokenIssuer, JwtAccessTokenIssuer>();
        services.AddSingleton<UserAccess>();
        services.AddSingleton<IUserAccess>(sp => sp.GetRequiredService<UserAccess>());
        const string bearer = "JwtOrApiToken";
        services.AddAuthentication(bearer)
            // One "Bearer" scheme for both kinds of token: crm_pat_… secrets go to the API-token handler, JWTs to JwtBearer.
            .AddPolicyScheme(bearer, bearer, o => o.ForwardDefaultSelector = http =>
                http.Request.Headers.Authorization.ToString().StartsWith("Bearer " + Domain.Users.ApiToken.SecretPrefix, StringComparison.Ordinal)
                    ? ApiTokenAuthenticationHandler.SchemeName
                    : JwtBearerDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, null)
            .AddJwtBearer(o =>
        {
            o.MapInboundClaims = false;
            o.TokenHandlers.Clear();
            o.TokenHandlers.Add(new RememberingJsonWebTokenHandler { MapInboundClaims = false });
            o.SaveToken = false; // nothing reads the token back from the authentication properties
            o.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = jwt.Issuer,
                ValidAudience = jwt.Audience,
                IssuerSigningKey = jwt.Key,
                ValidAlgorithms = [SecurityAlgorithms.HmacSha256], // never "none", never RS/HS confusion
                RequireSignedTokens = true,
                RequireExpirationTime = true,
                ClockSkew = TimeSpan.FromSeconds(30),
                NameClaimType = "name",
                RoleClaimType = "role",
            };
            o.Events = new JwtBearerEvents
            {
                OnChallenge = async ctx =>
                {
                    ctx.HandleResponse();
                    await BearerProblems.ChallengeAsync(ctx.HttpContext, ctx.AuthenticateFailure switch
                    {
                        null => null,
                        UserAccessRefusedException refused => refused.Reason,
                        SecurityTokenExpiredException => new Wording("auth.accessTokenExpired"),
                        _ => new Wording("auth.badToken"),
                    });
                },
                // The token's user as they are now: deactivated, or holding other roles, refuses it (UserAccess).
                OnTokenValidated = async ctx =>
                {
                    if (ctx.Principal is { } principal
                        && await ctx.HttpContext.RequestServices.GetRequiredService<UserAccess>().RefusalAsync(principal, ctx.HttpContext.RequestAborted) is { } refusal)
                    {
                        ctx.Fail(new UserAccessRefusedException(refusal));
                    }
                },
            };
        });
        services.AddAuthorization(Policies.Add);
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, BearerAuthorizationResultHandler>();
        services.AddSingleton<IAuthorizationHandler, ScopeRequirementHandler>();

        var signInPermits = configuration.GetValue("RateLimiting:SignInPermitsPerMinute", 20);
        var permits = Math.Max(1, configuration.GetValue("RateLimiting:PermitsPerMinute", 1200));
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Per API token, else per user, else per address: a generous token bucket (the whole minute's
            // allowance as burst, refilled every second) so a real integration never notices it.
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                http.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.RateLimiting.DisableRateLimitingAttribute>() is not null
                    ? RateLimitPartition.GetNoLimiter("unlimited")
                    : RateLimitPartition.GetTokenBucketLimiter(RateLimitKey(http), _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = permits,
                        TokensPerPeriod = Math.Max(1, permits / 60),
                        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    }));
            o.AddPolicy(AuthEndpoints.SignInRateLimit, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = signInPermits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            o.OnRejected = async (ctx, ct) =>
            {
                var retry = ctx.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds));
                ctx.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await Problems.WriteAsync(ctx.HttpContext, StatusCodes.Status429TooManyRequests, Texts.Get("problem.tooManyRequests.title"),
                    Texts.Format("problem.rateLimited.detail", ("seconds", seconds)));
            };
        });
        services.AddSingleton(new RateLimitPolicyHeader(permits));

        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
        services.AddHostedService<IdempotencyCleanup>();
        if (!builder.Environment.IsEnvironment("OpenApi"))
        {
            // Not while the build-time OpenAPI generator or dotnet-ef loads the app: there is no database then.
            services.AddHostedService<ImportWorker>();
            services.AddHostedService<WebhookDispatcher>();
        }

        services.AddCrmOpenApi();
        return builder;
    }

    public static WebApplication UseCrm(this WebApplication app)
    {
        app.UseMiddleware<RequestLogMiddleware>();
        app.UseRequestLocalization(); // before the exception handler: problems are worded in the request's language
        app.UseMiddleware<HeadRequestMiddleware>(); // HEAD is routed as GET: before routing
        app.UseMiddleware<RequestHeadLimitMiddleware>(); // 414 and 431 as problems, worded and without a body for HEAD
        app.UseRouting();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<BodySizeLimitMiddleware>();
        app.UseMiddleware<NulQueryMiddleware>(); // before any endpoint reads the query
        app.UseCrmOpenApi();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseAuthentication();
        app.Use((http, next) =>
        {
            // Set as the answer starts, not now: the exception handler clears the headers before it writes a problem.
            http.Response.OnStarting(SetRateLimitPolicy, http);
            return next(http);
        });
        app.UseRateLimiter(); // after authentication: limits are per token and per user
        app.UseAuthorization();
        app.UseMiddleware<QueryParameterMiddleware>(); // after authorization, before a key is taken
        app.UseMiddleware<IdempotencyMiddleware>();

        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).WithTags("Health").AllowAnonymous().DisableRateLimiting();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).WithTags("Health").AllowAnonymous().DisableRateLimiting();
        app.MapAuthEndpoints();
        app.MapCustomersEndpoints();
        app.MapContactsEndpoints();
        app.MapUsersEndpoints();
        app.MapAuditEndpoints();
        app.MapApiTokensEndpoints();
        app.MapExportsEndpoints();
        app.MapCustomFieldsEndpoints();
        app.MapImportsEndpoints();
        app.MapWebhooksEndpoints();

        // A GET under /api that matched nothing is a problem+json 404, not the SPA. GET only, so that a
        // write with the wrong content type or method still gets routing's 415/405 (as problem+json).
        app.MapMethods("/api/{**path}", [HttpMethods.Get, HttpMethods.Head], () =>
                TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: Texts.Get("problem.notFound.title"), detail: Texts.Get("problem.noEndpoint.detail")))
            .TakesAnyQuery()
            .ExcludeFromDescription();
        app.MapFallbackToFile("index.html").WithMetadata(new HttpMethodMetadata([HttpMethods.Get, HttpMethods.Head]));
        return app;
    }

    public static async Task InitializeCrmAsync(this WebApplication app)
    {
        if (app.Environment.IsEnvironment("OpenApi"))
        {
            return; // the build-time OpenAPI generator loads the app without a database
        }

        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(app.Lifetime.ApplicationStopping);
    }

    private static readonly Func<object, Task> SetRateLimitPolicy = state =>
    {
        var http = (HttpContext)state;
        http.Response.Headers["RateLimit-Policy"] = http.RequestServices.GetRequiredService<RateLimitPolicyHeader>().Value;
        return Task.CompletedTask;
    };

    private static string RateLimitKey(HttpContext http) =>
        http.User.FindFirst(ApiTokenAuthenticationHandler.TokenIdClaim)?.Value is { } token ? "token:" + token
        : http.User.FindFirst("sub")?.Value is { } user ? "user:" + user
        : "ip:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown");

    /// <summary>IETF RateLimit-Policy header value: the allowance per 60 s window.</summary>
    private sealed record RateLimitPolicyHeader(int Permits)
    {
        public string Value { get; } = $"{Permits};w=60";
    }
}
