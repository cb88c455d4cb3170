namespace Crm.Contracts.ApiTokens;

/// <summary>Creates an API token for a partner system or script.</summary>
public sealed record CreateApiTokenRequest
{
    /// <summary>What the token is for, 1–100 characters.</summary>
    /// <example>ERP nightly sync</example>
    public string? Name { get; init; }

    /// <summary>Scopes: customers:read, customers:write, imports:write, webhooks:manage, and read/write for deals, tickets, campaigns, activities, reports. Never more than your role allows.</summary>
    /// <example>["customers:read", "customers:write"]</example>
    public IReadOnlyList<string>? Scopes { get; init; }

    /// <summary>When the token stops working (UTC); at most two years ahead. Null: never.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }
}

/// <summary>An API token (without its secret).</summary>
public sealed record ApiTokenResponse
{
    /// <summary>Token id.</summary>
    public Guid Id { get; init; }

    /// <summary>What the token is for.</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>The first characters of the secret, to recognise it.</summary>
    /// <example>crm_pat_Xk3f</example>
    public string Prefix { get; init; } = string.Empty;

    /// <summary>Granted scopes.</summary>
    public IReadOnlyList<string> Scopes { get; init; } = [];

    /// <summary>The user the token acts as.</summary>
    public Guid OwnerId { get; init; }

    /// <summary>Expiry, or null.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>Last time the token was used (to the minute).</summary>
    public DateTimeOffset? LastUsedAt { get; init; }

    /// <summary>When revoked, or null.</summary>
    public DateTimeOffset? RevokedAt { get; init; }

    /// <summary>Creation time (UTC).</summary>
    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>A new API token: the secret is in this response only.</summary>
public sealed record CreatedApiTokenResponse
{
    /// <summary>The token.</summary>
    public ApiTokenResponse Token { get; init; } = new();

    /// <summary>The secret to send as <c>Authorization: Bearer …</c>. Shown once; store it now.</summary>
    public string Secret { get; init; } = string.Empty;
}
