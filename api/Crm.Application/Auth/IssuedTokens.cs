using Crm.Contracts.Auth;

namespace Crm.Application.Auth;

/// <summary>The outcome of a sign-in or refresh: the body, plus the raw refresh token for a browser cookie.</summary>
public sealed record IssuedTokens(TokenResponse Response, string RefreshToken, DateTimeOffset RefreshExpiresAt);
