using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Crm.Web.Auth;

/// <summary>
/// The bearer scheme's JWT validator, remembering each access token it found valid until the token expires. A client
/// sends the same token with every request of its lifetime, and checking the signature and building the identity
/// again each time was about a tenth of the API's CPU for a get by id (perf profile at 1M customers).
/// <para>
/// Nothing is remembered longer than the token itself is valid: an entry ends where the lifetime rule would refuse
/// the token (its expiry plus the clock skew), on the clock that rule reads. Only valid tokens are remembered; a
/// token that differs in any character is validated on its own. The entries do not depend on the validation parameters:
/// the one scheme that uses this handler sets them once at startup (issuer, audience, key). Access tokens are stateless,
/// so a remembered one can do nothing that the token could not do for the rest of its life anyway. Each request gets its
/// own copy of the identity, so nothing one request does to its principal reaches another.
/// </para>
/// </summary>
public sealed class RememberingJsonWebTokenHandler : JsonWebTokenHandler
{
    /// <summary>Enough for every token in use at once on a busy instance; past it the memory starts over (cost: one validation each).</summary>
    public const int MaxRemembered = 10_000;

    private readonly ConcurrentDictionary<string, Validated> validated = new(StringComparer.Ordinal);

    /// <summary>How many tokens are remembered now.</summary>
    public int Remembered => validated.Count;

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        ArgumentNullException.ThrowIfNull(validationParameters);
        var now = DateTime.UtcNow; // the clock the lifetime rule reads
        if (validated.TryGetValue(token, out var remembered))
        {
            if (now < remembered.Until)
            {
                return remembered.Result();
            }

            validated.TryRemove(new KeyValuePair<string, Validated>(token, remembered));
        }

        var result = await base.ValidateTokenAsync(token, validationParameters);
        if (result is { IsValid: true, SecurityToken: { } securityToken, ClaimsIdentity: { } identity })
        {
            if (validated.Count >= MaxRemembered)
            {
                validated.Clear();
            }

            validated[token] = new Validated(securityToken, identity.Clone(), result.Issuer, result.TokenType,
                securityToken.ValidTo.Add(validationParameters.ClockSkew));
        }

        return result;
    }

    private sealed record Validated(SecurityToken Token, ClaimsIdentity Identity, string? Issuer, string? TokenType, DateTime Until)
    {
        public TokenValidationResult Result() => new()
        {
            IsValid = true,
            SecurityToken = Token,
            ClaimsIdentity = Identity.Clone(),
            Issuer = Issuer,
            TokenType = TokenType,
        };
    }
}
