using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Crm.Api.IntegrationTests.Infrastructure;
using Npgsql;

namespace Crm.Api.IntegrationTests.ApiTokens;

public sealed class ApiTokenTests(CrmApiFactory factory) : ApiTest(factory)
{
    private async Task<(string Id, string Secret)> Mint(HttpClient client, params string[] scopes)
    {
        var body = await (await client.PostAsJsonAsync("/api/v1/api-tokens", new { name = "ERP sync", scopes })).ShouldBe(HttpStatusCode.Created);
        return (body.GetProperty("token").GetProperty("id").GetString()!, body.GetProperty("secret").GetString()!);
    }

    private HttpClient WithToken(string secret)
    {
        var client = Factory.CreateClient();
        client.Bearer(secret);
        return client;
    }

    [Fact]
    public async Task CreatingATokenRefusesAnIdempotencyKeySoTheSecretIsNeverStoredForReplay()
    {
        // Replays kept the whole response, the working secret included, in idempotency_records for 24 hours.
        using var admin = await Factory.AdminClientAsync();
        var problem = await (await admin.SendWith(HttpMethod.Post, "/api/v1/api-tokens", JsonContent.Create(new { name = "ERP sync", scopes = new[] { "customers:read" } }), idempotencyKey: "token-1"))
            .ShouldBeValidationProblem("Idempotency-Key");
        problem.GetProperty("errors").GetProperty("Idempotency-Key")[0].GetString()!.ShouldContain("never stored");
        (await Factory.ScalarAsync<long>("SELECT count(*) FROM api_tokens")).ShouldBe(0);

        var (_, secret) = await Mint(admin, "customers:read");
        (await Factory.ScalarAsync<long>("SELECT count(*) FROM idempotency_records WHERE convert_from(body, 'UTF8') LIKE @p0", "%" + secret + "%")).ShouldBe(0);
    }

    [Fact]
    public async Task TheSecretIsShownOnceStoredHashedAndPrefixedForScanners()
    {
        using var admin = await Factory.AdminClientAsync();
        var (id, secret) = await Mint(admin, "customers:read");
        secret.ShouldStartWith("crm_pat_");
        secret.Length.ShouldBeGreaterThan(40);

        var list = await (await admin.GetAsync("/api/v1/api-tokens")).ShouldBe(HttpStatusCode.OK);
        var listed = list.GetProperty("items").EnumerateArray().Single();
        listed.GetProperty("prefix").GetString().ShouldBe(secret[..12]);
        listed.TryGetProperty("secret", out _).ShouldBeFalse();

        await using var db = new NpgsqlConnection(Factory.ConnectionString);
        await db.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT secret_hash FROM api_tokens WHERE id = @id", db);
        cmd.Parameters.AddWithValue("id", Guid.Parse(id));
        var stored = (string)(await cmd.ExecuteScalarAsync())!;
        stored.ShouldNotContain(secret[8..]);
        stored.Length.ShouldBe(64);
    }

    [Fact]
    public async Task AReadTokenReadsButGets403OnAWrite()
    {
        using var admin = await Factory.AdminClientAsync();
        var (_, secret) = await Mint(admin, "customers:read");
        using var token = WithToken(secret);

        (await token.GetAsync("/api/v1/customers")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await token.PostAsJsonAsync("/api/v1/customers", new { name = "X" })).ShouldBeProblem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task AWriteTokenWritesAndTheAuditNamesItsOwner()
    {
        using var admin = await Factory.AdminClientAsync();
        var (_, secret) = await Mint(admin, "customers:read", "customers:write");
        using var token = WithToken(secret);

        var created = await (await token.PostAsJsonAsync("/api/v1/customers", new { name = "Via token" })).ShouldBe(HttpStatusCode.Created);
        var audit = await (await admin.GetAsync($"/api/v1/audit?entityId={created.GetProperty("id").GetString()}")).JsonBody();
        audit.GetProperty("items")[0].GetProperty("actorName").GetString().ShouldBe("Administrator");
    }

    [Fact]
    public async Task TokensCannotManageUsersReadTheAuditOrMintTokens()
    {
        using var admin = await Factory.AdminClientAsync();
        var (_, secret) = await Mint(admin, "customers:read", "customers:write", "reports:read");
        using var token = WithToken(secret);

        await (await token.GetAsync("/api/v1/users")).ShouldBeProblem(HttpStatusCode.Forbidden);
        await (await token.GetAsync("/api/v1/audit")).ShouldBeProblem(HttpStatusCode.Forbidden);
        await (await token.PostAsJsonAsync("/api/v1/api-tokens", new { name = "more", scopes = new[] { "customers:read" } })).ShouldBeProblem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ATokenNeverExceedsItsOwnersRole()
    {
        using var readOnly = await Factory.ClientWithRoleAsync("ReadOnly");
        await (await readOnly.PostAsJsonAsync("/api/v1/api-tokens", new { name = "x", scopes = new[] { "customers:write" } })).ShouldBeProblem(HttpStatusCode.Forbidden);
        (await readOnly.PostAsJsonAsync("/api/v1/api-tokens", new { name = "x", scopes = new[] { "customers:read" } })).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Theory]
    [InlineData("""{"name":"x","scopes":[]}""", "scopes")]
    [InlineData("""{"name":"x","scopes":null}""", "scopes")]
    [InlineData("""{"name":"x"}""", "scopes")]
    [InlineData("""{"name":"x","scopes":["customers:delete"]}""", "scopes")]
    [InlineData("""{"name":"","scopes":["customers:read"]}""", "name")]
    [InlineData("""{"name":"x","scopes":["customers:read"],"expiresAt":"2001-01-01T00:00:00Z"}""", "expiresAt")]
    public async Task BadRequestsAre400NamingTheField(string json, string field)
    {
        using var admin = await Factory.AdminClientAsync();
        await (await admin.PostAsync("/api/v1/api-tokens", Http.Json(json))).ShouldBeValidationProblem(field);
    }

    [Fact]
    public async Task AnExpiryInAnyOffsetIsStoredAsTheSameInstantInUtc()
    {
        using var admin = await Factory.AdminClientAsync();
        var expiresAt = DateTimeOffset.UtcNow.AddYears(1).Date;
        var local = new DateTimeOffset(expiresAt, TimeSpan.Zero).ToOffset(TimeSpan.FromHours(14));
        var body = $$"""{"name":"kiribati","scopes":["customers:read"],"expiresAt":"{{local.ToString("yyyy-MM-dd'T'HH':'mm':'sszzz", CultureInfo.InvariantCulture)}}"}""";
        var created = await (await admin.PostAsync("/api/v1/api-tokens", Http.Json(body))).ShouldBe(HttpStatusCode.Created);
        created.GetProperty("token").GetProperty("expiresAt").GetDateTimeOffset().ShouldBe(local);

        await using var db = new NpgsqlConnection(Factory.ConnectionString);
        await db.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT expires_at FROM api_tokens WHERE name = 'kiribati'", db);
        ((DateTime)(await cmd.ExecuteScalarAsync())!).ShouldBe(expiresAt);
    }

    [Fact]
    public async Task RevokedExpiredOrUnknownTokensAre401()
    {
        using var admin = await Factory.AdminClientAsync();
        var (id, secret) = await Mint(admin, "customers:read");
        (await admin.DeleteAsync($"/api/v1/api-tokens/{id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        using (var revoked = WithToken(secret))
        {
            await (await revoked.GetAsync("/api/v1/customers")).ShouldBeProblem(HttpStatusCode.Unauthorized);
        }

        using var unknown = WithToken("crm_pat_" + new string('x', 40));
        await (await unknown.GetAsync("/api/v1/customers")).ShouldBeProblem(HttpStatusCode.Unauthorized);

        using var anonymous = Factory.CreateClient();
        await (await anonymous.PostAsJsonAsync("/api/v1/api-tokens", new { name = "x", scopes = new[] { "customers:read" } })).ShouldBeProblem(HttpStatusCode.Unauthorized);
        await (await admin.DeleteAsync($"/api/v1/api-tokens/{Guid.CreateVersion7()}")).ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ADeactivatedOwnersTokensStopWorkingAndLastUseIsRecorded()
    {
        using var admin = await Factory.AdminClientAsync();
        using var sales = await Factory.ClientWithRoleAsync("Sales");
        var (_, secret) = await Mint(sales, "customers:read");
        using var token = WithToken(secret);
        (await token.GetAsync("/api/v1/customers")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var mine = await (await sales.GetAsync("/api/v1/api-tokens")).JsonBody();
        mine.GetProperty("items")[0].GetProperty("lastUsedAt").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.String);

        var salesId = (await (await sales.GetAsync("/api/v1/me")).JsonBody()).GetProperty("id").GetString();
        (await admin.PatchAsync($"/api/v1/users/{salesId}", Http.MergePatch(new { active = false }))).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await token.GetAsync("/api/v1/customers")).ShouldBeProblem(HttpStatusCode.Unauthorized);
    }
}
