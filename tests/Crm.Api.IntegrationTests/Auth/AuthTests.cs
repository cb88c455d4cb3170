using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using Crm.Api.IntegrationTests.Infrastructure;
using Crm.Web.Auth;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Crm.Api.IntegrationTests.Auth;

public sealed class AuthTests(CrmApiFactory factory) : ApiTest(factory)
{
    private async Task<(string Access, string Refresh)> SignIn(HttpClient client)
    {
        var body = await (await client.PostAsJsonAsync("/api/v1/auth/token", new { email = CrmApiFactory.AdminEmail, password = CrmApiFactory.AdminPassword })).ShouldBe(HttpStatusCode.OK);
        body.GetProperty("tokenType").GetString().ShouldBe("Bearer");
        body.GetProperty("expiresIn").GetInt32().ShouldBe(900);
        return (body.GetProperty("accessToken").GetString()!, body.GetProperty("refreshToken").GetString()!);
    }

    [Fact]
    public async Task SignInReturnsTokensThatOpenMe()
    {
        using var client = Factory.CreateClient();
        var (access, refresh) = await SignIn(client);
        refresh.ShouldStartWith("crm_rt_");

        client.Bearer(access);
        var me = await (await client.GetAsync("/api/v1/me")).ShouldBe(HttpStatusCode.OK);
        me.GetProperty("email").GetString().ShouldBe(CrmApiFactory.AdminEmail);
        me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ShouldBe(["Admin"]);
    }

    [Fact]
    public async Task AnAccessTokenStopsWorkingOnceItsUserIsDemotedOrDeactivated()
    {
        // A second Admin signs in, then loses the Admin role: the access token they hold (15 minutes of life) must not
        // go on creating Admins. This was possible until the token expired.
        using var admin = await Factory.AdminClientAsync();
        var other = await (await admin.PostAsJsonAsync("/api/v1/users", new { email = "second.admin@crm.test", name = "Second Admin", password = "second-admin-password", roles = new[] { "Admin" } }))
            .ShouldBe(HttpStatusCode.Created);
        var id = other.GetProperty("id").GetString();
        using var anonymous = Factory.CreateClient();
        var tokens = await (await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { email = "second.admin@crm.test", password = "second-admin-password" })).ShouldBe(HttpStatusCode.OK);
        using var second = Factory.CreateClient();
        second.Bearer(tokens.GetProperty("accessToken").GetString()!);
        await (await second.GetAsync("/api/v1/users")).ShouldBe(HttpStatusCode.OK);

        await (await admin.PatchAsync($"/api/v1/users/{id}", Http.MergePatch(new { roles = new[] { "Sales" } }))).ShouldBe(HttpStatusCode.OK);
        var refused = await (await second.PostAsJsonAsync("/api/v1/users", new { email = "backdoor@crm.test", name = "B", password = "backdoor-password-1", roles = new[] { "Admin" } }))
            .ShouldBeProblem(HttpStatusCode.Unauthorized);
        refused.GetProperty("detail").GetString()!.ShouldContain("roles changed");
        (await Factory.ScalarAsync<long>("SELECT count(*) FROM users WHERE email = 'backdoor@crm.test'")).ShouldBe(0);

        // A refresh issues the roles the user holds now: Sales reads customers, and may not manage users.
        var refreshed = await (await anonymous.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = tokens.GetProperty("refreshToken").GetString() })).ShouldBe(HttpStatusCode.OK);
        second.Bearer(refreshed.GetProperty("accessToken").GetString()!);
        await (await second.GetAsync("/api/v1/customers")).ShouldBe(HttpStatusCode.OK);
        await (await second.GetAsync("/api/v1/users")).ShouldBeProblem(HttpStatusCode.Forbidden);

        await (await admin.PatchAsync($"/api/v1/users/{id}", Http.MergePatch(new { active = false }))).ShouldBe(HttpStatusCode.OK);
        (await (await second.GetAsync("/api/v1/customers")).ShouldBeProblem(HttpStatusCode.Unauthorized)).GetProperty("detail").GetString()!.ShouldContain("deactivated");
        await (await second.PostAsJsonAsync("/api/v1/customers", new { name = "After deactivation" })).ShouldBeProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task RefreshingAfterDeactivationSaysTheAccountIsDeactivatedNotThatTheTokenWasUsed()
    {
        using var admin = await Factory.AdminClientAsync();
        var user = await (await admin.PostAsJsonAsync("/api/v1/users", new { email = "leaver@crm.test", name = "Leaver", password = "leaver-password-12", roles = new[] { "Sales" } }))
            .ShouldBe(HttpStatusCode.Created);
        using var anonymous = Factory.CreateClient();
        var signedIn = await (await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { email = "leaver@crm.test", password = "leaver-password-12" })).ShouldBe(HttpStatusCode.OK);
        var rotated = signedIn.GetProperty("refreshToken").GetString();
        var current = (await (await anonymous.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = rotated })).ShouldBe(HttpStatusCode.OK)).GetProperty("refreshToken").GetString();

        await (await admin.PatchAsync($"/api/v1/users/{user.GetProperty("id").GetString()}", Http.MergePatch(new { active = false }))).ShouldBe(HttpStatusCode.OK);

        foreach (var token in new[] { current, rotated })
        {
            var detail = (await (await anonymous.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = token })).ShouldBeProblem(HttpStatusCode.Unauthorized))
                .GetProperty("detail").GetString()!;
            detail.ShouldBe("This account is deactivated.");
        }
    }

    [Fact]
    public async Task ARememberedTokenKeepsOpeningMeAndOneWithAnotherSignatureDoesNot()
    {
        var handlers = Factory.Services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(JwtBearerDefaults.AuthenticationScheme).TokenHandlers;
        handlers.ShouldHaveSingleItem().ShouldBeOfType<RememberingJsonWebTokenHandler>();
        using var client = Factory.CreateClient();
        var (access, _) = await SignIn(client);

        client.Bearer(access);
        for (var i = 0; i < 3; i++)
        {
            (await (await client.GetAsync("/api/v1/me")).ShouldBe(HttpStatusCode.OK)).GetProperty("email").GetString().ShouldBe(CrmApiFactory.AdminEmail);
        }

        client.Bearer(access[..^2] + (access[^2..] == "AA" ? "BB" : "AA"));
        await (await client.GetAsync("/api/v1/me")).ShouldBeProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task EmailIsMatchedCaseInsensitively()
    {
        using var client = Factory.CreateClient();
        (await client.PostAsJsonAsync("/api/v1/auth/token", new { email = " ADMIN@crm.test ", password = CrmApiFactory.AdminPassword })).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task WrongPasswordOrUnknownEmailIs401WithTheSameMessage()
    {
        using var client = Factory.CreateClient();
        var wrong = await (await client.PostAsJsonAsync("/api/v1/auth/token", new { email = CrmApiFactory.AdminEmail, password = "nope" })).ShouldBeProblem(HttpStatusCode.Unauthorized);
        var unknown = await (await client.PostAsJsonAsync("/api/v1/auth/token", new { email = "who@crm.test", password = "nope" })).ShouldBeProblem(HttpStatusCode.Unauthorized);
        wrong.GetProperty("detail").GetString().ShouldBe(unknown.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task MissingCredentialsAre400NamingTheField()
    {
        using var client = Factory.CreateClient();
        await (await client.PostAsJsonAsync("/api/v1/auth/token", new { email = CrmApiFactory.AdminEmail })).ShouldBeValidationProblem("password");
        await (await client.PostAsJsonAsync("/api/v1/auth/token", new { password = "x" })).ShouldBeValidationProblem("email");
    }

    [Fact]
    public async Task RepeatedFailedSignInsAreThrottled()
    {
        using var client = Factory.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            (await client.PostAsJsonAsync("/api/v1/auth/token", new { email = CrmApiFactory.AdminEmail, password = "wrong" })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { email = CrmApiFactory.AdminEmail, password = CrmApiFactory.AdminPassword });

        await response.ShouldBeProblem(HttpStatusCode.TooManyRequests);
        int.Parse(response.Headers.RetryAfter!.ToString(), System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task RefreshRotatesAndARepeatWithinSecondsIsARaceNotTheft()
    {
        using var client = Factory.CreateClient();
        var (_, refresh1) = await SignIn(client);

        var second = await (await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = refresh1 })).ShouldBe(HttpStatusCode.OK);
        var refresh2 = second.GetProperty("refreshToken").GetString();
        refresh2.ShouldNotBe(refresh1);

        // Another tab presents the token that was just rotated: refused, but the session survives.
        await (await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = refresh1 })).ShouldBeProblem(HttpStatusCode.Unauthorized);
        (await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = refresh2 })).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AnOldRotatedTokenComingBackRevokesTheWholeSignIn()
    {
        using var client = Factory.CreateClient();
        var (_, refresh1) = await SignIn(client);
        var refresh2 = (await (await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = refresh1 })).JsonBody()).GetProperty("refreshToken").GetString();
        await using (var db = new Npgsql.NpgsqlConnection(Factory.ConnectionString))
        {
            await db.OpenAsync();
            await using var age = new Npgsql.NpgsqlCommand("UPDATE refresh_tokens SET revoked_at = now() - interval '10 minutes' WHERE revoked_at IS NOT NULL", db);
            await age.ExecuteNonQueryAsync();
        }

        await (await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = refresh1 })).ShouldBeProblem(HttpStatusCode.Unauthorized);
        // The replay revoked the whole family, including the token issued after it.
        await (await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = refresh2 })).ShouldBeProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task LogoutRevokesTheRefreshToken()
    {
        using var client = Factory.CreateClient();
        var (_, refresh) = await SignIn(client);
        (await client.PostAsJsonAsync("/api/v1/auth/logout", new { refreshToken = refresh })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await (await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = refresh })).ShouldBeProblem(HttpStatusCode.Unauthorized);
        await (await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = "crm_rt_forged" })).ShouldBeProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task BrowserSignInPutsTheRefreshTokenInAStrictHttpOnlyCookie()
    {
        using var client = Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false });
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { email = CrmApiFactory.AdminEmail, password = CrmApiFactory.AdminPassword, useCookie = true });

        var body = await response.ShouldBe(HttpStatusCode.OK);
        body.GetProperty("refreshToken").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        var cookie = response.Headers.GetValues("Set-Cookie").Single();
        cookie.ShouldStartWith("crm_refresh=crm_rt_");
        cookie.ShouldContain("httponly", Case.Insensitive);
        cookie.ShouldContain("samesite=strict", Case.Insensitive);
        cookie.ShouldContain("path=/api/v1/auth", Case.Insensitive);

        using var refresh = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/refresh") { Content = JsonContent.Create(new { }) };
        refresh.Headers.Add("Cookie", cookie.Split(';')[0]);
        var refreshed = await client.SendAsync(refresh);
        (await refreshed.ShouldBe(HttpStatusCode.OK)).GetProperty("refreshToken").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        refreshed.Headers.GetValues("Set-Cookie").Single().ShouldStartWith("crm_refresh=crm_rt_");
    }

    [Fact]
    public async Task MeWithoutATokenIs401()
    {
        using var client = Factory.CreateClient();
        var response = await client.GetAsync("/api/v1/me");
        var problem = await response.ShouldBeProblem(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().ShouldBe("Bearer"); // no error code when no token was sent (RFC 6750 3.1)
        problem.GetProperty("detail").GetString()!.ShouldStartWith("Send a bearer token");
    }

    // Each row is named: the runner shows a token cut to 50 characters, and two signed tokens can share those
    // (the same header, claims in the same order). The rows are fixed, not made from the clock or a new id: the runner
    // enumerates them when it discovers the tests and again when it runs them, and a token that changed in between
    // (the clock passing a second) was a row it no longer found, so one case did not run in some runs.
    public static TheoryData<string, string> ForgedTokens()
    {
        var farFuture = new DateTime(2100, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var claims = new Dictionary<string, object> { ["sub"] = "01900000-0000-7000-8000-000000000001", ["role"] = "Admin", ["name"] = "Mallory" };
        static string B64(string s) => Base64UrlEncoder.Encode(s);
        var payload = System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object>(claims)
        {
            ["iss"] = "crm", ["aud"] = "crm", ["exp"] = new DateTimeOffset(farFuture).ToUnixTimeSeconds(),
        });
        var algNone = B64("""{"alg":"none","typ":"JWT"}""") + "." + B64(payload) + ".";

        var handler = new JsonWebTokenHandler();
        string Sign(string key, DateTime expires, DateTime? notBefore = null) => handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "crm",
            Audience = "crm",
            Subject = new ClaimsIdentity(claims.Select(c => new Claim(c.Key, (string)c.Value))),
            NotBefore = notBefore ?? expires.AddHours(-2),
            IssuedAt = notBefore ?? expires.AddHours(-2),
            Expires = expires,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256),
        });

        return new TheoryData<string, string>
        {
            { "alg none", algNone },
            { "expired", Sign(CrmApiFactory.SigningKey, new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc)) },
            { "wrong key", Sign("another-key-of-a-different-issuer-0123456789abcdef", farFuture, notBefore: new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc)) },
            { "not a JWT", "not.a.jwt" },
            { "garbage", "garbage" },
        };
    }

    [Theory]
    [MemberData(nameof(ForgedTokens))]
    public async Task ForgedExpiredOrForeignTokensAre401(string kind, string token)
    {
        using var client = Factory.CreateClient();
        client.Bearer(token);
        await (await client.GetAsync("/api/v1/customers")).ShouldBeProblem(HttpStatusCode.Unauthorized);
        var response = await client.GetAsync("/api/v1/me");
        var problem = await response.ShouldBeProblem(HttpStatusCode.Unauthorized);
        problem.GetProperty("detail").GetString().ShouldNotBeNullOrEmpty(kind);
        response.Headers.WwwAuthenticate.ToString().ShouldStartWith("Bearer error=\"invalid_token\"", customMessage: kind); // RFC 6750 3.1
        if (kind == "expired")
        {
            problem.GetProperty("detail").GetString()!.ShouldStartWith("The access token expired");
        }
    }
}
