using System.Security.Cryptography;
using System.Text;
using AutoMapper;
using AutoMapper.QueryableExtensions;
using Crm.Application.Common;
using Crm.Contracts.Auth;
using Crm.Contracts.Users;
using Crm.Domain.Users;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Crm.Application.Auth;

/// <summary>The outcome of a sign-in or refresh: the body, plus the raw refresh token for a browser cookie.</summary>
public sealed record IssuedTokens(TokenResponse Response, string RefreshToken, DateTimeOffset RefreshExpiresAt);

internal static class RefreshTokens
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(14);

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

public sealed record SignIn(string? Email, string? Password) : ICommand<IssuedTokens>;

public sealed class SignInValidator : AbstractValidator<SignIn>
{
    public SignInValidator()
    {
        RuleFor(x => x.Email).NotEmpty().MaximumLength(254).OverridePropertyName("email");
        RuleFor(x => x.Password).NotEmpty().MaximumLength(1000).OverridePropertyName("password");
    }
}

public sealed class SignInHandler(ICrmDbContext db, IPasswordHasher hasher, IAccessTokenIssuer issuer, TimeProvider clock)
    : ICommandHandler<SignIn, IssuedTokens>
{
    private const string Rejected = "The email or password is not correct.";

    public async ValueTask<IssuedTokens> Handle(SignIn request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var email = ContactPoints.NormalizeEmail(request.Email);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Email == email, cancellationToken);
        if (user is null)
        {
            // Same work as a real check, so response time does not reveal which emails exist.
            hasher.Verify(DummyHash.Value(hasher), request.Password!, out _);
            throw new UnauthorizedException(Rejected);
        }

        if (user.IsSignInBlocked(now))
        {
            var wait = user.SignInBlockedUntil!.Value - now;
            throw new TooManyRequestsException("Too many failed sign-ins for this account; wait before trying again.", wait);
        }

        if (!hasher.Verify(user.PasswordHash, request.Password!, out var rehashed))
        {
            user.RecordFailedSignIn(now);
            await db.SaveChangesAsync(cancellationToken);
            throw new UnauthorizedException(Rejected);
        }

        if (!user.Active)
        {
            throw new UnauthorizedException("This account is deactivated.");
        }

        if (rehashed is not null)
        {
            user.SetPasswordHash(rehashed);
        }

        user.RecordSignIn(now);
        var tokens = RefreshTokens.Issue(db, issuer, user, Guid.CreateVersion7(), now, out _);
        await db.SaveChangesAsync(cancellationToken);
        return tokens;
    }

    private static class DummyHash
    {
        private static string? value;

        public static string Value(IPasswordHasher hasher) => value ??= hasher.Hash("not-a-real-password-" + Guid.NewGuid());
    }
}

public sealed record Refresh(string? RefreshToken) : ICommand<IssuedTokens>;

public sealed class RefreshHandler(ICrmDbContext db, IAccessTokenIssuer issuer, TimeProvider clock) : ICommandHandler<Refresh, IssuedTokens>
{
    public async ValueTask<IssuedTokens> Handle(Refresh request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.RefreshToken) || request.RefreshToken.Length > 200)
        {
            throw new UnauthorizedException("A refresh token is required.");
        }

        var now = clock.GetUtcNow();
        var hash = RefreshTokens.Hash(request.RefreshToken);
        var token = await db.RefreshTokens.FirstOrDefaultAsync(t => t.TokenHash == hash, cancellationToken)
            ?? throw new UnauthorizedException("The refresh token is not valid.");

        if (token.RevokedAt is not null)
        {
            // A rotated token came back: it was stolen or replayed. Revoke the whole family.
            await db.RefreshTokens.Where(t => t.FamilyId == token.FamilyId && t.RevokedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), cancellationToken);
            throw new UnauthorizedException("The refresh token was already used; sign in again.");
        }

        if (!token.IsActive(now))
        {
            throw new UnauthorizedException("The refresh token has expired; sign in again.");
        }

        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == token.UserId, cancellationToken);
        if (user is not { Active: true })
        {
            token.Revoke(now);
            await db.SaveChangesAsync(cancellationToken);
            throw new UnauthorizedException("This account is deactivated.");
        }

        var tokens = RefreshTokens.Issue(db, issuer, user, token.FamilyId, now, out var next);
        token.Revoke(now, next.Id);
        await db.SaveChangesAsync(cancellationToken);
        return tokens;
    }
}

public sealed record SignOut(string? RefreshToken) : ICommand;

public sealed class SignOutHandler(ICrmDbContext db, TimeProvider clock) : ICommandHandler<SignOut>
{
    public async ValueTask<Unit> Handle(SignOut request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.RefreshToken) || request.RefreshToken.Length > 200)
        {
            return Unit.Value;
        }

        var hash = RefreshTokens.Hash(request.RefreshToken);
        var token = await db.RefreshTokens.FirstOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
        if (token is not null)
        {
            var now = clock.GetUtcNow();
            await db.RefreshTokens.Where(t => t.FamilyId == token.FamilyId && t.RevokedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), cancellationToken);
        }

        return Unit.Value;
    }
}

public sealed record GetMe : IQuery<MeResponse>;

public sealed class GetMeHandler(ICrmDbContext db, ICurrentUser currentUser, IMapper mapper) : IQueryHandler<GetMe, MeResponse>
{
    public async ValueTask<MeResponse> Handle(GetMe request, CancellationToken cancellationToken)
    {
        var id = currentUser.Id ?? throw new UnauthorizedException("Sign in first.");
        return await db.Users.AsNoTracking().Where(u => u.Id == id && u.Active)
                .ProjectTo<MeResponse>(mapper.ConfigurationProvider)
                .FirstOrDefaultAsync(cancellationToken)
            ?? throw new UnauthorizedException("This account no longer exists or is deactivated.");
    }
}
