using Crm.Application.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Crm.Application.ApiTokens.AuthenticateApiToken;

/// <summary>Who an API token acts as, and with which scopes.</summary>
public sealed record ApiTokenIdentity(Guid TokenId, Guid UserId, string UserName, IReadOnlyList<string> Roles, IReadOnlyList<string> Scopes);

/// <summary>Resolves a presented API token secret; null when unknown, revoked, expired or its owner is deactivated.</summary>
public sealed record AuthenticateApiToken(string Secret) : IQuery<ApiTokenIdentity?>;

public sealed class AuthenticateApiTokenHandler(ICrmDbContext db, TimeProvider clock) : IQueryHandler<AuthenticateApiToken, ApiTokenIdentity?>
{
    public async ValueTask<ApiTokenIdentity?> Handle(AuthenticateApiToken request, CancellationToken cancellationToken)
    {
        if (request.Secret.Length > 100)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var hash = ApiTokenSecrets.Hash(request.Secret);
        var found = await db.ApiTokens.AsNoTracking()
            .Where(t => t.SecretHash == hash && t.RevokedAt == null && (t.ExpiresAt == null || t.ExpiresAt > now))
            .Join(db.Users.Where(u => u.Active), t => t.OwnerId, u => u.Id, (t, u) => new { t.Id, t.Scopes, t.LastUsedAt, UserId = u.Id, u.Name, u.Roles })
            .FirstOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return null;
        }

        // Last-used is kept to the minute: one write a minute per token, not one per request.
        if (found.LastUsedAt is null || found.LastUsedAt < now.AddMinutes(-1))
        {
            await db.ApiTokens.Where(t => t.Id == found.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), cancellationToken);
        }

        return new ApiTokenIdentity(found.Id, found.UserId, found.Name, found.Roles, found.Scopes);
    }
}
