using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Crm.Api.IntegrationTests.Infrastructure;

namespace Crm.Api.IntegrationTests.ApiTokens;

/// <summary>GET /api-tokens/{id}, where POST /api-tokens' Location points: the token as the list shows it, never its secret.</summary>
public sealed class GetApiTokenTests(CrmApiFactory factory) : ApiTest(factory)
{
    private static async Task<(HttpResponseMessage Response, JsonElement Body)> Mint(HttpClient client)
    {
        var response = await client.PostAsJsonAsync("/api/v1/api-tokens", new { name = "ERP sync", scopes = new[] { "customers:read" } });
        return (response, await response.ShouldBe(HttpStatusCode.Created));
    }

    [Fact]
    public async Task TheLocationOfANewTokenReadsItWithoutTheSecret()
    {
        using var sales = await Factory.ClientWithRoleAsync("Sales");
        var (created, body) = await Mint(sales);
        var location = created.Headers.Location!.ToString();
        location.ShouldBe($"/api/v1/api-tokens/{body.GetProperty("token").GetProperty("id").GetString()}");

        var read = await sales.GetAsync(location);
        var token = await read.ShouldBe(HttpStatusCode.OK);
        foreach (var field in new[] { "id", "name", "prefix", "scopes", "expiresAt" })
        {
            token.GetProperty(field).GetRawText().ShouldBe(body.GetProperty("token").GetProperty(field).GetRawText(), field);
        }

        (await read.Content.ReadAsStringAsync()).ShouldNotContain(body.GetProperty("secret").GetString()![8..]);
        token.TryGetProperty("secret", out _).ShouldBeFalse();
        read.ETag().ShouldStartWith("\"");

        (await sales.DeleteAsync(location)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await (await sales.GetAsync(location)).ShouldBe(HttpStatusCode.OK)).GetProperty("revokedAt").ValueKind.ShouldBe(JsonValueKind.String);
    }

    [Fact]
    public async Task OthersTokensAre404ButToAnAdmin()
    {
        using var owner = await Factory.ClientWithRoleAsync("Sales");
        using var other = await Factory.ClientWithRoleAsync("Support");
        using var admin = await Factory.AdminClientAsync();
        var location = (await Mint(owner)).Response.Headers.Location!.ToString();

        await (await other.GetAsync(location)).ShouldBeProblem(HttpStatusCode.NotFound);
        (await admin.GetAsync(location)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await admin.GetAsync($"/api/v1/api-tokens/{Guid.CreateVersion7()}")).ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ItIsForSignedInPeopleAsTheListIs()
    {
        using var admin = await Factory.AdminClientAsync();
        var (created, body) = await Mint(admin);
        var location = created.Headers.Location!.ToString();

        using var token = Factory.CreateClient();
        token.Bearer(body.GetProperty("secret").GetString()!);
        await (await token.GetAsync(location)).ShouldBeProblem(HttpStatusCode.Forbidden);
        using var anonymous = Factory.CreateClient();
        await (await anonymous.GetAsync(location)).ShouldBeProblem(HttpStatusCode.Unauthorized);
    }
}
