using System.Security.Claims;
using System.Text.Encodings.Web;
using Crm.Application.ApiTokens.AuthenticateApiToken;
using Crm.Application.Common;
using Crm.Domain.Users;
using Mediator;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Crm.Web.Auth;

/// <summary>Authenticates <c>Authorization: Bearer crm_pat_…</c> as the token's owner, narrowed to its scopes.</summary>
public sealed class ApiTokenAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";
    public const string TokenIdClaim = "token_id";
    public const string ScopeClaim = "scope";

    private static readonly Wording Refused = new("auth.apiTokenRefused");

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer " + ApiToken.SecretPrefix, StringComparison.Ordinal))
        {
            return AuthenticateResult.NoResult();
        }

        var mediator = Context.RequestServices.GetRequiredService<IMediator>();
        var (identity, refusal) = await mediator.Send(new AuthenticateApiToken(header["Bearer ".Length..].Trim()), Context.RequestAborted);
        if (identity is null)
        {
            return AuthenticateResult.Fail(new UserAccessRefusedException(refusal ?? Refused));
        }

        var claims = new List<Claim>
        {
            new("sub", identity.UserId.ToString()),
            new("name", identity.UserName),
            new(TokenIdClaim, identity.TokenId.ToString()),
        };
        claims.AddRange(identity.Roles.Select(r => new Claim("role", r)));
        claims.AddRange(identity.Scopes.Select(s => new Claim(ScopeClaim, s)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName, "name", "role"));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    /// <summary>401 saying why the token was refused, as the JWT scheme answers (<see cref="BearerProblems"/>).</summary>
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        await BearerProblems.ChallengeAsync(Context, result.Failure is UserAccessRefusedException refused ? refused.Reason
            : result.Failure is not null || result.Succeeded ? Refused
            : null);
    }
}

/// <summary>
/// An API token must carry the scope; a signed-in person (JWT) is governed by roles alone. A null scope
/// marks endpoints that API tokens may not use at all (user management, the audit log, minting tokens).
/// </summary>
public sealed class ScopeRequirement(string? scope) : IAuthorizationRequirement
{
    public string? Scope { get; } = scope;
}

public sealed class ScopeRequirementHandler : AuthorizationHandler<ScopeRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ScopeRequirement requirement)
    {
        var isToken = context.User.HasClaim(c => c.Type == ApiTokenAuthenticationHandler.TokenIdClaim);
        if (!isToken || (requirement.Scope is not null && context.User.HasClaim(ApiTokenAuthenticationHandler.ScopeClaim, requirement.Scope)))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
