using System.Globalization;
using Crm.Application.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Crm.Application.ApiTokens.AuthenticateApiToken;

/// <summary>Who an API token acts as, and with which scopes.</summary>
public sealed record ApiTokenIdentity(Guid TokenId, Guid UserId, string UserName, IReadOnlyList<string> Roles, IReadOnlyList<string> Scopes);

/// <summary>The identity of a token that holds, or why it does not (the 401's detail): unknown, revoked, expired, or its owner deactivated.</summary>
public sealed record ApiTokenAuthentication(ApiTokenIdentity? Identity, Wording? Refusal)
{
    public static ApiTokenAuthentication Refused(Wording why) => new(null, why);
}

/// <summary>Resolves a presented API token secret.</summary>
public sealed record AuthenticateApiToken(string Secret) : IQuery<ApiTokenAuthentication>;

public sealed class AuthenticateApiTokenHandler(ICrmDbContext db, TimeProvider clock) : IQueryHandler<AuthenticateApiToken, ApiTokenAuthentication>
{
    private static readonly Wording Unknown = new("auth.apiTokenUnknown");

    public async ValueTask<ApiTokenAuthentication> Handle(AuthenticateApiToken request, CancellationToken cancellationToken)
    {
        if (request.Secret.Length > 100)
        {
            return ApiTokenAuthentication.Refused(Unknown);
        }

        var now = clock.GetUtcNow();
        var hash = ApiTokenSecrets.Hash(request.Secret);
        var found = await db.ApiTokens.AsNoTracking()
            .Where(t => t.SecretHash == hash)
            .Join(db.Users, t => t.OwnerId, u => u.Id, (t, u) => new { t.Id, t.Scopes, t.LastUsedAt, t.RevokedAt, t.ExpiresAt, UserId = u.Id, u.Name, u.Roles, u.Active })
            .FirstOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return ApiTokenAuthentication.Refused(Unknown);
        }

        // Only the holder of the whole secret learns these: telling them why saves a support call and reveals nothing new.
        if (found.RevokedAt is { } revokedAt)
        {
            return ApiTokenAuthentication.Refused(new Wording("auth.apiTokenRevoked", ("at", Instant(revokedAt))));
        }

        if (found.ExpiresAt is { } expiresAt && expiresAt <= now)
        {
            return ApiTokenAuthentication.Refused(new Wording("auth.apiTokenExpired", ("at", Instant(expiresAt))));
        }

        if (!found.Active)
        {
            return ApiTokenAuthentication.Refused(new Wording("auth.apiTokenOwnerDeactivated"));
        }

        // Last-used is kept to the minute: one write a minute per token, not one per request.
        if (found.LastUsedAt is null || found.LastUsedAt < now.AddMinutes(-1))
        {
            await db.ApiTokens.Where(t => t.Id == found.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), cancellationToken);
        }

        return new ApiTokenAuthentication(new ApiTokenIdentity(found.Id, found.UserId, found.Name, found.Roles, found.Scopes), null);
    }

    private static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH':'mm':'ss'Z'", CultureInfo.InvariantCulture);
}
