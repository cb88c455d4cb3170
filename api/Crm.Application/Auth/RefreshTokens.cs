using System.Security.Cryptography;
using System.Text;
using Crm.Application.Common;
using Crm.Contracts.Auth;
using Crm.Domain.Users;

namespace Crm.Application.Auth;

internal static class RefreshTokens
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(14);

    /// <summary>A rotated token presented again within this window is a race between tabs, not theft.</summary>
    public static readonly TimeSpan ReuseGrace = TimeSpan.FromSeconds(30);

    public static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public static IssuedTokens Issue(ICrmDbContext db, IAccessTokenIssuer issuer, User user, Guid familyId, DateTimeOffset now, out RefreshToken stored)
    {
        // "crm_rt_" lets secret scanners recognise a leaked token.
        var raw = "crm_rt_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var expires = now.Add(Lifetime);
        stored = RefreshToken.Issue(user.Id, Hash(raw), familyId, expires);
        db.RefreshTokens.Add(stored);
        var response = new TokenResponse
        {
            AccessToken = issuer.Issue(user),
            RefreshToken = raw,
            ExpiresIn = (int)issuer.Lifetime.TotalSeconds,
            TokenType = "Bearer",
        };
        return new IssuedTokens(response, raw, expires);
    }
}
