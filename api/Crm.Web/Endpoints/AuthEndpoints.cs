using Crm.Application.Auth;
using Crm.Application.Auth.GetMe;
using Crm.Application.Auth.Refresh;
using Crm.Application.Auth.SignIn;
using Crm.Application.Auth.SignOut;
using Crm.Contracts.Auth;
using Crm.Contracts.Users;
using Mediator;

namespace Crm.Web.Endpoints;

public static class AuthEndpoints
{
    /// <summary>Browser refresh-token cookie: httpOnly, SameSite=Strict, only sent to the auth endpoints.</summary>
    public const string RefreshCookie = "crm_refresh";
    public const string SignInRateLimit = "sign-in";

    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/auth").WithTags("Auth").AllowAnonymous();

        group.MapPost("/token", async (TokenRequest request, IMediator mediator, HttpContext http, CancellationToken ct) =>
                TypedResults.Ok(Issue(http, await mediator.Send(new SignIn(request.Email, request.Password), ct), request.UseCookie)))
            .RequireRateLimiting(SignInRateLimit)
            .WithName("SignIn")
            .WithSummary("Sign in with email and password")
            .WithDescription("Returns a short-lived bearer access token and a single-use refresh token. With `useCookie: true` (browsers) the refresh token is set as an httpOnly, SameSite=Strict cookie instead. Repeated failures for an account are throttled (429 with Retry-After).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        group.MapPost("/refresh", async (RefreshRequest request, IMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                var fromCookie = request.RefreshToken is null && http.Request.Cookies.TryGetValue(RefreshCookie, out _);
                var token = request.RefreshToken ?? http.Request.Cookies[RefreshCookie];
                return TypedResults.Ok(Issue(http, await mediator.Send(new Refresh(token), ct), fromCookie));
            })
            // Not the sign-in limit: the web app refreshes on every page load, and 20 a minute from one address (an
            // office behind one proxy) signed people out. A refresh token is 256 random bits that work once, so there
            // is nothing to guess; the general limit still applies.
            .WithName("RefreshToken")
            .WithSummary("Exchange a refresh token for a new token pair")
            .WithDescription("Refresh tokens rotate: each works once. Presenting a used one revokes every token of that sign-in.")
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        group.MapPost("/logout", async (LogoutRequest request, IMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                await mediator.Send(new SignOut(request.RefreshToken ?? http.Request.Cookies[RefreshCookie]), ct);
                http.Response.Cookies.Delete(RefreshCookie, CookieOptions(http, DateTimeOffset.UnixEpoch));
                return TypedResults.NoContent();
            })
            .WithName("SignOut")
            .WithSummary("Sign out: revoke the refresh token")
            .WithDescription("Revokes the refresh token and every token rotated from the same sign-in. Always 204, also for unknown tokens.")
            .ProducesValidationProblem();

        app.MapGet("/api/v1/me", async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new GetMe(), ct)))
            .RequireAuthorization()
            .WithTags("Auth")
            .WithName("GetMe")
            .WithSummary("The signed-in user")
            .Produces<MeResponse>();

        return app;
    }

    private static TokenResponse Issue(HttpContext http, IssuedTokens tokens, bool useCookie)
    {
        if (!useCookie)
        {
            return tokens.Response;
        }

        http.Response.Cookies.Append(RefreshCookie, tokens.RefreshToken, CookieOptions(http, tokens.RefreshExpiresAt));
        return tokens.Response with { RefreshToken = null };
    }

    private static CookieOptions CookieOptions(HttpContext http, DateTimeOffset expires) => new()
    {
        HttpOnly = true,
        Secure = http.Request.IsHttps,
        SameSite = SameSiteMode.Strict,
        Path = "/api/v1/auth",
        Expires = expires,
        IsEssential = true,
    };
}
