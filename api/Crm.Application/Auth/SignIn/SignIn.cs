using Crm.Application.Common;
using Crm.Domain.Common;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Crm.Application.Auth.SignIn;

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
    private static string Rejected => Texts.Get("auth.rejected");

    public async ValueTask<IssuedTokens> Handle(SignIn request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var email = ContactPoints.NormalizeAccountEmail(request.Email);
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
            throw new TooManyRequestsException(Texts.Get("auth.tooManySignIns"), wait);
        }

        if (!hasher.Verify(user.PasswordHash, request.Password!, out var rehashed))
        {
            user.RecordFailedSignIn(now);
            await db.SaveChangesAsync(cancellationToken);
            throw new UnauthorizedException(Rejected);
        }

        if (!user.Active)
        {
            throw new UnauthorizedException(Texts.Get("auth.deactivated"));
        }

        if (rehashed is not null)
        {
            user.SetPasswordHash(rehashed);
        }

        user.RecordSignIn(now);
        var tokens = RefreshTokens.Issue(db, issuer, user, OrderedIds.Next(), now, out _);
        await db.SaveChangesAsync(cancellationToken);
        return tokens;
    }

    private static class DummyHash
    {
        private static string? value;

        public static string Value(IPasswordHasher hasher) => value ??= hasher.Hash("not-a-real-password-" + Guid.NewGuid());
    }
}
