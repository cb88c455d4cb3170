using System.Net;
using System.Net.Http.Json;
using Crm.Api.IntegrationTests.Infrastructure;
using Crm.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Api.IntegrationTests.Users;

/// <summary>A user's email is one address however it is typed: İ, and an IDN domain in Unicode or punycode.</summary>
public sealed class UserEmailTests(CrmApiFactory factory) : ApiTest(factory)
{
    private const string Password = "correct horse battery";

    private static Task<HttpResponseMessage> CreateAsync(HttpClient admin, string email) =>
        admin.PostAsJsonAsync("/api/v1/users", new { email, name = "Someone", password = Password, roles = new[] { "Sales" } });

    private async Task<HttpStatusCode> SignInAsync(string email)
    {
        using var anonymous = Factory.CreateClient();
        return (await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { email, password = Password })).StatusCode;
    }

    [Theory]
    [InlineData("ana@bücher.de", "ana@xn--bcher-kva.de")]
    [InlineData("ana@xn--bcher-kva.de", "Ana@BÜCHER.DE")]
    [InlineData("İREM@example.com", "irem@example.com")]
    [InlineData("irem@example.com", "İrem@Example.com")]
    [InlineData("zoe@ελληνικά.gr", "zoe@xn--hxargifdar.gr")]
    public async Task TheSameAddressInAnotherFormIs409NamingEmailAndSignsIn(string first, string second)
    {
        using var admin = await Factory.AdminClientAsync();
        var created = await (await CreateAsync(admin, first)).ShouldBe(HttpStatusCode.Created);

        var problem = await (await CreateAsync(admin, second)).ShouldBeProblem(HttpStatusCode.Conflict);

        problem.GetProperty("field").GetString().ShouldBe("email");
        problem.GetProperty("existingId").GetString().ShouldBe(created.GetProperty("id").GetString());
        (await SignInAsync(first)).ShouldBe(HttpStatusCode.OK);
        (await SignInAsync(second)).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task TheEmailIsStoredWithTheDomainInUnicodeAndTheLocalPartLowerCased()
    {
        using var admin = await Factory.AdminClientAsync();

        var created = await (await CreateAsync(admin, " İlker.Öz@XN--BCHER-KVA.DE ")).ShouldBe(HttpStatusCode.Created);

        created.GetProperty("email").GetString().ShouldBe("ilker.öz@bücher.de");
    }

    [Theory]
    [InlineData("someone@exa mple.com")]
    [InlineData("someone@xn--.com")]
    public async Task AnAddressWhoseDomainIdnaRefusesIs400NamingEmail(string email)
    {
        using var admin = await Factory.AdminClientAsync();

        await (await CreateAsync(admin, email)).ShouldBeValidationProblem("email");
    }

    [Fact]
    public async Task StartUpUnifiesStoredEmailsAndLeavesACollisionForAnAdmin()
    {
        using var admin = await Factory.AdminClientAsync();
        var punycode = (await (await CreateAsync(admin, "old@example.com")).ShouldBe(HttpStatusCode.Created)).GetProperty("id").GetString()!;
        var dotted = (await (await CreateAsync(admin, "ilker@example.com")).ShouldBe(HttpStatusCode.Created)).GetProperty("id").GetString()!;
        await (await CreateAsync(admin, "ana@bücher.de")).ShouldBe(HttpStatusCode.Created);
        var duplicate = (await (await CreateAsync(admin, "dup@example.com")).ShouldBe(HttpStatusCode.Created)).GetProperty("id").GetString()!;
        // As rows written before the forms were unified.
        await Factory.ScalarAsync<int>("""
            UPDATE users SET email = CASE id::text WHEN @p0 THEN 'old@xn--bcher-kva.de' WHEN @p1 THEN 'İlker@example.com' ELSE 'ana@xn--bcher-kva.de' END
            WHERE id::text IN (@p0, @p1, @p2);
            SELECT 0
            """, punycode, dotted, duplicate);

        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(TestContext.Current.CancellationToken);
        }

        (await Factory.ScalarAsync<string>("SELECT email FROM users WHERE id::text = @p0", punycode)).ShouldBe("old@bücher.de");
        (await Factory.ScalarAsync<string>("SELECT email FROM users WHERE id::text = @p0", dotted)).ShouldBe("ilker@example.com");
        (await Factory.ScalarAsync<string>("SELECT email FROM users WHERE id::text = @p0", duplicate)).ShouldBe("ana@xn--bcher-kva.de");
        Factory.LogLines.ShouldContain(line => line.Contains(duplicate, StringComparison.Ordinal) && line.Contains("resolve by hand", StringComparison.Ordinal));
        (await SignInAsync("old@xn--bcher-kva.de")).ShouldBe(HttpStatusCode.OK);
        (await SignInAsync("İLKER@example.com")).ShouldBe(HttpStatusCode.OK);
    }
}
