namespace Crm.Contracts.Auth;

/// <summary>Credentials for signing in.</summary>
public sealed record TokenRequest
{
    /// <summary>The user's email.</summary>
    /// <example>admin@example.com</example>
    public string? Email { get; init; }

    /// <summary>The user's password.</summary>
    public string? Password { get; init; }

    /// <summary>Browser sign-in: put the refresh token in an httpOnly, SameSite=Strict cookie instead of the body.</summary>
    public bool UseCookie { get; init; }
}

/// <summary>Exchanges a refresh token for a new pair; the old refresh token stops working.</summary>
public sealed record RefreshRequest
{
    /// <summary>The refresh token; may be omitted when it travels in the browser cookie.</summary>
    public string? RefreshToken { get; init; }
}

/// <summary>Revokes a refresh token (sign-out).</summary>
public sealed record LogoutRequest
{
    /// <summary>The refresh token; may be omitted when it travels in the browser cookie.</summary>
    public string? RefreshToken { get; init; }
}

/// <summary>A bearer access token and its refresh token.</summary>
public sealed record TokenResponse
{
    /// <summary>JWT to send as <c>Authorization: Bearer …</c>.</summary>
    public string AccessToken { get; init; } = string.Empty;

    /// <summary>Single-use refresh token; null when it was set as a cookie.</summary>
    public string? RefreshToken { get; init; }

    /// <summary>Access token lifetime in seconds.</summary>
    /// <example>900</example>
    public int ExpiresIn { get; init; }

    /// <summary>Always <c>Bearer</c>.</summary>
    /// <example>Bearer</example>
    public string TokenType { get; init; } = "Bearer";
}
