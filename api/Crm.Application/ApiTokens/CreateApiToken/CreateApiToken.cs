using System.Security.Cryptography;
using AutoMapper;
using Crm.Application.Common;
using Crm.Contracts.ApiTokens;
using Crm.Domain.Users;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Crm.Application.ApiTokens.CreateApiToken;

public sealed record CreateApiToken(CreateApiTokenRequest Input) : ICommand<CreatedApiTokenResponse>;

public sealed class CreateApiTokenValidator : AbstractValidator<CreateApiToken>
{
    public CreateApiTokenValidator(TimeProvider clock)
    {
        RuleFor(x => x.Input.Name).NotEmpty().MaximumLength(100).OverridePropertyName("name");
        RuleFor(x => x.Input.Scopes).Cascade(CascadeMode.Stop).NotEmpty().WithText("validation.scopesRequired")
            .Must(s => s!.All(Scopes.IsKnown)).WithText("validation.scopes", ("scopes", string.Join(", ", Scopes.All)))
            .OverridePropertyName("scopes");
        RuleFor(x => x.Input.ExpiresAt)
            .Must(e => e > clock.GetUtcNow() && e <= clock.GetUtcNow().AddYears(2)).When(x => x.Input.ExpiresAt is not null)
            .WithText("validation.expiresAt")
            .OverridePropertyName("expiresAt");
    }
}

public sealed class CreateApiTokenHandler(ICrmDbContext db, ICurrentUser currentUser, IMapper mapper) : ICommandHandler<CreateApiToken, CreatedApiTokenResponse>
{
    public async ValueTask<CreatedApiTokenResponse> Handle(CreateApiToken request, CancellationToken cancellationToken)
    {
        var ownerId = currentUser.Id ?? throw new UnauthorizedException(Texts.Get("auth.signInFirst"));
        var roles = await db.Users.Where(u => u.Id == ownerId).Select(u => u.Roles).FirstAsync(cancellationToken);
        var denied = request.Input.Scopes!.Where(s => !Scopes.IsGrantableBy(s, roles)).ToList();
        if (denied.Count > 0)
        {
            throw new ForbiddenException(Texts.Format("auth.cannotGrant", ("scopes", string.Join(", ", denied))));
        }

        var secret = ApiToken.SecretPrefix + Base64Url(RandomNumberGenerator.GetBytes(30));
        var token = ApiToken.Issue(ownerId, request.Input.Name!.Trim(), request.Input.Scopes!, request.Input.ExpiresAt, secret[..12], ApiTokenSecrets.Hash(secret));
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync(cancellationToken);
        return new CreatedApiTokenResponse { Token = mapper.Map<ApiTokenResponse>(token), Secret = secret };
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
