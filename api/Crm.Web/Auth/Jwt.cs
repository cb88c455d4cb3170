using System.Security.Claims;
using System.Text;
using Crm.Application.Common;
using Crm.Domain.Users;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Crm.Web.Auth;

public sealed class JwtSettings
{
    public const string DevelopmentKey = "development-only-signing-key-not-for-production-use-0123456789";

    public string Issuer { get; init; } = "crm";

    public string Audience { get; init; } = "crm";

    public string? SigningKey { get; init; }

    public int AccessTokenMinutes { get; init; } = 15;

    public SymmetricSecurityKey Key => new(Encoding.UTF8.GetBytes(SigningKey!));

    /// <summary>Reads Jwt:* and refuses to run outside Development without a real key of at least 32 bytes.</summary>
    public static JwtSettings Load(IConfiguration configuration, IHostEnvironment environment)
    {
        var settings = configuration.GetSection("Jwt").Get<JwtSettings>() ?? new JwtSettings();
        if (string.IsNullOrWhiteSpace(settings.SigningKey))
        {
            if (!environment.IsDevelopment() && !environment.IsEnvironment("OpenApi"))
            {
                throw new InvalidOperationException(
                    "Jwt__SigningKey is not set. Set a random key of at least 32 bytes (e.g. `openssl rand -base64 48`); the API does not start without one outside Development.");
            }

            settings = new JwtSettings
            {
                Issuer = settings.Issuer,
                Audience = settings.Audience,
                AccessTokenMinutes = settings.AccessTokenMinutes,
                SigningKey = DevelopmentKey,
            };
        }

        if (Encoding.UTF8.GetByteCount(settings.SigningKey!) < 32)
        {
            throw new InvalidOperationException("Jwt__SigningKey must be at least 32 bytes long.");
        }

        return settings;
    }
}

public sealed class JwtAccessTokenIssuer(JwtSettings settings, TimeProvider clock) : IAccessTokenIssuer
{
    private readonly JsonWebTokenHandler handler = new();

    public TimeSpan Lifetime => TimeSpan.FromMinutes(settings.AccessTokenMinutes);

    public string Issue(User user)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var claims = new List<Claim>
        {
            new(JwtRegisteredClaimNames.Sub, user.Id.ToString()),
            new(JwtRegisteredClaimNames.Email, user.Email),
            new("name", user.Name),
            new(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString()),
        };
        claims.AddRange(user.Roles.Select(r => new Claim("role", r)));
        return handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = settings.Issuer,
            Audience = settings.Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now,
            NotBefore = now,
            Expires = now.Add(Lifetime),
            SigningCredentials = new SigningCredentials(settings.Key, SecurityAlgorithms.HmacSha256),
        });
    }
}

public sealed class HttpCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    public Guid? Id => Guid.TryParse(accessor.HttpContext?.User.FindFirst(JwtRegisteredClaimNames.Sub)?.Value, out var id) ? id : null;

    public string? Name => accessor.HttpContext?.User.FindFirst("name")?.Value;

    public Guid? ApiTokenId => Guid.TryParse(accessor.HttpContext?.User.FindFirst(ApiTokenAuthenticationHandler.TokenIdClaim)?.Value, out var id) ? id : null;

    public bool IsInRole(string role) => accessor.HttpContext?.User.IsInRole(role) ?? false;
}

/// <summary>Authorization policies; endpoints name these, never roles directly.</summary>
public static class Policies
{
    public const string CustomersRead = "customers:read";
    public const string CustomersWrite = "customers:write";
    public const string Admin = "admin";
    public const string AuditRead = "audit:read";
    public const string ImportsWrite = "imports:write";
    public const string WebhooksManage = "webhooks:manage";

    /// <summary>
    /// Every signed-in person, whatever their role (the web app's user forms, internal requesters choosing a service);
    /// API tokens with <c>tickets:read</c>, since departments are the queues internal tickets go to.
    /// </summary>
    public const string DepartmentsRead = "departments:read";

    /// <summary>Signed-in people only (no API tokens): minting tokens.</summary>
    public const string Interactive = "interactive";

    public static void Add(Microsoft.AspNetCore.Authorization.AuthorizationOptions options)
    {
        options.AddPolicy(CustomersRead, p => p.RequireAuthenticatedUser().RequireRole(Roles.CustomerReaders).AddRequirements(new ScopeRequirement(Scopes.CustomersRead)));
        options.AddPolicy(CustomersWrite, p => p.RequireAuthenticatedUser().RequireRole(Roles.CustomerWriters).AddRequirements(new ScopeRequirement(Scopes.CustomersWrite)));
        options.AddPolicy(ImportsWrite, p => p.RequireAuthenticatedUser().RequireRole(Roles.CustomerWriters).AddRequirements(new ScopeRequirement(Scopes.ImportsWrite)));
        options.AddPolicy(Admin, p => p.RequireAuthenticatedUser().RequireRole(Roles.Admin).AddRequirements(new ScopeRequirement(null)));
        options.AddPolicy(AuditRead, p => p.RequireAuthenticatedUser().RequireRole(Roles.Admin, Roles.Manager).AddRequirements(new ScopeRequirement(null)));
        options.AddPolicy(WebhooksManage, p => p.RequireAuthenticatedUser().RequireRole(Roles.Admin).AddRequirements(new ScopeRequirement(Scopes.WebhooksManage)));
        options.AddPolicy(DepartmentsRead, p => p.RequireAuthenticatedUser().AddRequirements(new ScopeRequirement(Scopes.TicketsRead)));
        options.AddPolicy(Interactive, p => p.RequireAuthenticatedUser().AddRequirements(new ScopeRequirement(null)));
    }
}
