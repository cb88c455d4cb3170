using Crm.Application.Common;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Crm.Application.Auth.Refresh;

public sealed record Refresh(string? RefreshToken) : ICommand<IssuedTokens>;

public sealed class RefreshHandler(ICrmDbContext db, IAccessTokenIssuer issuer, TimeProvider clock) : ICommandHandler<Refresh, IssuedTokens>
{
    public async ValueTask<IssuedTokens> Handle(Refresh request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.RefreshToken) || request.RefreshToken.Length > 200)
        {
            throw new UnauthorizedException(Texts.Get("auth.refreshRequired"));
        }

        var now = clock.GetUtcNow();
        var hash = RefreshTokens.Hash(request.RefreshToken);
        var token = await db.RefreshTokens.FirstOrDefaultAsync(t => t.TokenHash == hash, cancellationToken)
            ?? throw new UnauthorizedException(Texts.Get("auth.refreshInvalid"));

        // Before the token's own state: deactivating a user revokes their tokens, and "already used" would send them
        // to sign in again, which cannot work.
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == token.UserId, cancellationToken);
        if (user is not { Active: true })
        {
            token.Revoke(now);
            await db.SaveChangesAsync(cancellationToken);
            throw new UnauthorizedException(Texts.Get("auth.deactivated"));
        }

        if (token.RevokedAt is { } revokedAt && token.ReplacedById is not null && revokedAt > now - RefreshTokens.ReuseGrace)
        {
            // Two tabs refreshing at once: the loser presents the token the winner just rotated. Not theft;
            // the browser already holds the new cookie, so a retry succeeds.
            throw new UnauthorizedException(Texts.Get("auth.refreshRotated"));
        }

        if (token.RevokedAt is not null)
        {
            // A rotated token came back: it was stolen or replayed. Revoke the whole family.
            await db.RefreshTokens.Where(t => t.FamilyId == token.FamilyId && t.RevokedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), cancellationToken);
            throw new UnauthorizedException(Texts.Get("auth.refreshUsed"));
        }

        if (!token.IsActive(now))
        {
            throw new UnauthorizedException(Texts.Get("auth.refreshExpired"));
        }

        var tokens = RefreshTokens.Issue(db, issuer, user, token.FamilyId, now, out var next);
        token.Revoke(now, next.Id);
        await db.SaveChangesAsync(cancellationToken);
        return tokens;
    }
}
