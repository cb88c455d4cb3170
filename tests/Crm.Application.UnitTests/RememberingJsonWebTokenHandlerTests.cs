using System.Security.Claims;
using System.Text;
using Crm.Web.Auth;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Crm.Application.UnitTests;

public sealed class RememberingJsonWebTokenHandlerTests
{
    private static readonly SymmetricSecurityKey Key = new(Encoding.UTF8.GetBytes("unit-test-signing-key-0123456789abcdef0123456789"));

    private static TokenValidationParameters Parameters(TimeSpan clockSkew) => new()
    {
        ValidIssuer = "crm",
        ValidAudience = "crm",
        IssuerSigningKey = Key,
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        ClockSkew = clockSkew,
        NameClaimType = "name",
        RoleClaimType = "role",
    };

    private static string Token(DateTime expires, string name = "Ana Conceição") => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = "crm",
        Audience = "crm",
        Subject = new ClaimsIdentity([new Claim("sub", Guid.NewGuid().ToString()), new Claim("name", name), new Claim("role", "sales")]),
        NotBefore = expires.AddMinutes(-15),
        IssuedAt = expires.AddMinutes(-15),
        Expires = expires,
        SigningCredentials = new SigningCredentials(Key, SecurityAlgorithms.HmacSha256),
    });

    [Fact]
    public async Task ARememberedTokenGivesEachRequestItsOwnCopyOfTheSameIdentity()
    {
        var handler = new RememberingJsonWebTokenHandler { MapInboundClaims = false };
        var token = Token(DateTime.UtcNow.AddMinutes(15));

        var first = await handler.ValidateTokenAsync(token, Parameters(TimeSpan.FromSeconds(30)));
        first.ClaimsIdentity.AddClaim(new Claim("role", "admin")); // what one request does to its principal
        var second = await handler.ValidateTokenAsync(token, Parameters(TimeSpan.FromSeconds(30)));
        var third = await handler.ValidateTokenAsync(token, Parameters(TimeSpan.FromSeconds(30)));

        first.IsValid.ShouldBeTrue();
        second.IsValid.ShouldBeTrue();
        handler.Remembered.ShouldBe(1);
        second.ClaimsIdentity.ShouldNotBeSameAs(first.ClaimsIdentity);
        second.ClaimsIdentity.ShouldNotBeSameAs(third.ClaimsIdentity);
        second.ClaimsIdentity.Name.ShouldBe("Ana Conceição");
        second.ClaimsIdentity.IsAuthenticated.ShouldBeTrue();
        second.ClaimsIdentity.FindAll("role").Select(c => c.Value).ShouldBe(["sales"]);
        second.ClaimsIdentity.Claims.Select(c => (c.Type, c.Value)).ShouldBe(
            first.ClaimsIdentity.Claims.Where(c => c.Value != "admin").Select(c => (c.Type, c.Value)));
        second.SecurityToken.ValidTo.ShouldBe(first.SecurityToken.ValidTo);
    }

    [Fact]
    public async Task ATokenThatDiffersInOneCharacterIsValidatedOnItsOwn()
    {
        var handler = new RememberingJsonWebTokenHandler { MapInboundClaims = false };
        var token = Token(DateTime.UtcNow.AddMinutes(15));
        (await handler.ValidateTokenAsync(token, Parameters(TimeSpan.FromSeconds(30)))).IsValid.ShouldBeTrue();

        var last = token[^1] == 'A' ? 'B' : 'A';
        var forged = await handler.ValidateTokenAsync(token[..^1] + last, Parameters(TimeSpan.FromSeconds(30)));
        var otherKey = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "crm",
            Audience = "crm",
            Subject = new ClaimsIdentity([new Claim("name", "Mallory")]),
            Expires = DateTime.UtcNow.AddMinutes(15),
            SigningCredentials = new SigningCredentials(
                new SymmetricSecurityKey(Encoding.UTF8.GetBytes("another-signing-key-0123456789abcdef0123456789")), SecurityAlgorithms.HmacSha256),
        });
        var foreign = await handler.ValidateTokenAsync(otherKey, Parameters(TimeSpan.FromSeconds(30)));

        forged.IsValid.ShouldBeFalse();
        foreign.IsValid.ShouldBeFalse();
        handler.Remembered.ShouldBe(1); // refusals are never remembered
    }

    [Fact]
    public async Task ARememberedTokenIsRefusedOnceItExpires()
    {
        var handler = new RememberingJsonWebTokenHandler { MapInboundClaims = false };
        var expires = DateTime.UtcNow.AddSeconds(2);
        var token = Token(expires);
        (await handler.ValidateTokenAsync(token, Parameters(TimeSpan.Zero))).IsValid.ShouldBeTrue();
        (await handler.ValidateTokenAsync(token, Parameters(TimeSpan.Zero))).IsValid.ShouldBeTrue();

        // exp is whole seconds: wait until the lifetime rule refuses the token, then ask the handler
        var expiry = new JsonWebToken(token).ValidTo;
        var wait = expiry - DateTime.UtcNow + TimeSpan.FromMilliseconds(50);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, TestContext.Current.CancellationToken);
        }

        var late = await handler.ValidateTokenAsync(token, Parameters(TimeSpan.Zero));

        late.IsValid.ShouldBeFalse();
        late.Exception.ShouldBeOfType<SecurityTokenExpiredException>();
        handler.Remembered.ShouldBe(0);
    }

    [Fact]
    public async Task PastItsLimitTheHandlerStartsOverInsteadOfGrowing()
    {
        var handler = new RememberingJsonWebTokenHandler { MapInboundClaims = false };
        var expires = DateTime.UtcNow.AddMinutes(15);
        for (var i = 0; i < RememberingJsonWebTokenHandler.MaxRemembered + 5; i++)
        {
            (await handler.ValidateTokenAsync(Token(expires, $"user {i}"), Parameters(TimeSpan.FromSeconds(30)))).IsValid.ShouldBeTrue();
        }

        handler.Remembered.ShouldBeLessThanOrEqualTo(RememberingJsonWebTokenHandler.MaxRemembered);
        handler.Remembered.ShouldBe(5); // the 10,001st started it over
    }
}
