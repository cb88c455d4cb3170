using System.Text;
using Crm.Application.Common;
using Crm.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Crm.Web.Auth;

/// <summary>
/// The 401 and 403 answers of both kinds of bearer token, JWT access tokens and API tokens, alike: problem+json whose
/// detail says why, and the challenge of RFC 6750 section 3 (<c>WWW-Authenticate: Bearer</c>, with
/// <c>error="invalid_token"</c> when a token was sent and refused, <c>error="insufficient_scope"</c> when an API token
/// lacks the scope an endpoint needs).
/// </summary>
public static class BearerProblems
{
    /// <summary>
    /// 401: no token when <paramref name="refusal"/> is null, else a token refused for that reason. The detail is in the
    /// request's language; the header's error_description (ASCII only) in English.
    /// </summary>
    public static Task ChallengeAsync(HttpContext http, Wording? refusal)
    {
        http.Response.Headers.WWWAuthenticate = refusal is null
            ? "Bearer"
            : $"Bearer error=\"invalid_token\", error_description=\"{Description(refusal.In(Texts.English))}\"";
        return Problems.WriteAsync(http, StatusCodes.Status401Unauthorized, Texts.Get("problem.unauthorized.title"), refusal?.ToString() ?? Texts.Get("auth.missing"));
    }

    /// <summary>403, saying which rule refused: the caller's role, or the API token's missing scope.</summary>
    public static Task ForbiddenAsync(HttpContext http, AuthorizationFailure? failure)
    {
        var failed = failure?.FailedRequirements.ToList() ?? [];
        var isApiToken = http.User.HasClaim(c => c.Type == ApiTokenAuthenticationHandler.TokenIdClaim);
        string detail;
        if (failed.OfType<ScopeRequirement>().Any(r => r.Scope is null))
        {
            detail = Texts.Get("auth.apiTokensCannot");
        }
        else if (failed.OfType<RolesAuthorizationRequirement>().FirstOrDefault() is { } roles)
        {
            // First: a token with the scope would not help.
            detail = Texts.Format(isApiToken ? "auth.ownerNoRole" : "auth.youNoRole", ("roles", string.Join($" {Texts.Get("word.or")} ", roles.AllowedRoles)));
        }
        else if (failed.OfType<ScopeRequirement>().FirstOrDefault() is { Scope: { } scope })
        {
            var lacks = new Wording("auth.lacksScope", ("scope", scope));
            detail = lacks.ToString();
            http.Response.Headers.WWWAuthenticate = $"Bearer error=\"insufficient_scope\", scope=\"{scope}\", error_description=\"{Description(lacks.In(Texts.English))}\"";
        }
        else
        {
            detail = Texts.Get("auth.mayNot");
        }

        return Problems.WriteAsync(http, StatusCodes.Status403Forbidden, Texts.Get("problem.forbidden.title"), detail);
    }

    /// <summary>An error_description may hold printable ASCII but for " and \ (RFC 6750 3): anything else is left out.</summary>
    private static string Description(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is >= ' ' and <= '~' and not '"' and not '\\')
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}

/// <summary>
/// Answers a refused authorization with <see cref="BearerProblems"/> instead of each scheme's Forbid (which knows only
/// that it was refused, not by which requirement); a challenge still goes to the request's scheme.
/// </summary>
public sealed class BearerAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler fallback = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult) =>
        authorizeResult.Forbidden
            ? BearerProblems.ForbiddenAsync(context, authorizeResult.AuthorizationFailure)
            : fallback.HandleAsync(next, context, policy, authorizeResult);
}
