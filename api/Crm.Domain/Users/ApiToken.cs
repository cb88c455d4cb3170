using Crm.Domain.Common;

namespace Crm.Domain.Users;

/// <summary>
/// A long-lived token for partner systems and scripts. It acts as its owner, narrowed to its scopes.
/// Only the SHA-256 of the secret is stored; the secret is shown once, at creation.
/// </summary>
public sealed class ApiToken : Entity, IAuditable
{
    /// <summary>Recognisable by secret scanners (GitHub, GitLab) and by our authentication handler.</summary>
    public const string SecretPrefix = "crm_pat_";

    private ApiToken()
    {
    }

    public Guid OwnerId { get; private set; }

    public string Name { get; private set; } = string.Empty;

    /// <summary>The first characters of the secret, to tell tokens apart in lists and logs.</summary>
    public string Prefix { get; private set; } = string.Empty;

    [NotAudited]
    public string SecretHash { get; private set; } = string.Empty;

    public List<string> Scopes { get; private set; } = [];

    public DateTimeOffset? ExpiresAt { get; private set; }

    [NotAudited]
    public DateTimeOffset? LastUsedAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public static ApiToken Issue(Guid ownerId, string name, IEnumerable<string> scopes, DateTimeOffset? expiresAt, string prefix, string secretHash)
    {
        var list = scopes.Distinct(StringComparer.Ordinal).ToList();
        var unknown = list.FirstOrDefault(s => !Users.Scopes.IsKnown(s));
        if (list.Count == 0 || unknown is not null)
        {
            throw (unknown is null
                ? new DomainException("domain.tokenScope", "A token needs at least one scope.")
                : new DomainException("domain.unknownScope", $"Unknown scope '{unknown}'.", ("scope", unknown)));
        }

        // Clients may send any offset (+14:00); timestamptz is written from UTC values only (Npgsql refuses others).
        return new ApiToken { OwnerId = ownerId, Name = name, Scopes = list, ExpiresAt = expiresAt?.ToUniversalTime(), Prefix = prefix, SecretHash = secretHash };
    }

    public bool IsActive(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);

    public bool Revoke(DateTimeOffset now)
    {
        if (RevokedAt is not null)
        {
            return false;
        }

        RevokedAt = now;
        return true;
    }
}

/// <summary>API token scopes: <c>&lt;resource&gt;:read|write</c>, <c>imports:write</c>, <c>webhooks:manage</c>.</summary>
public static class Scopes
{
    public const string CustomersRead = "customers:read";
    public const string CustomersWrite = "customers:write";
    public const string TicketsRead = "tickets:read";
    public const string ImportsWrite = "imports:write";
    public const string WebhooksManage = "webhooks:manage";

    private static readonly string[] Resources = ["customers", "deals", "tickets", "campaigns", "activities", "reports"];

    public static readonly IReadOnlyList<string> All =
        [.. Resources.SelectMany(r => new[] { r + ":read", r + ":write" }), ImportsWrite, WebhooksManage];

    public static bool IsKnown(string scope) => All.Contains(scope, StringComparer.Ordinal);

    /// <summary>Whether a user with these roles may grant the scope to a token (a token never exceeds its owner).</summary>
    public static bool IsGrantableBy(string scope, IReadOnlyCollection<string> roles) => scope switch
    {
        CustomersRead => roles.Any(Roles.CustomerReaders.Contains),
        CustomersWrite or ImportsWrite => roles.Any(Roles.CustomerWriters.Contains),
        WebhooksManage => roles.Contains(Roles.Admin),
        _ => roles.Contains(Roles.Admin) || roles.Contains(Roles.Manager),
    };
}
