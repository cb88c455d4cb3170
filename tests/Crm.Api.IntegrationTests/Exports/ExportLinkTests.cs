using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Crm.Api.IntegrationTests.Infrastructure;
using Crm.Infrastructure.Persistence;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Api.IntegrationTests.Exports;

/// <summary>Single-use download links (POST /exports/{entity}/links, GET /exports/downloads/{token}) and HEAD on exports.</summary>
public sealed class ExportLinkTests(CrmApiFactory factory) : ApiTest(factory)
{
    private const string Gone = "unknown, used or expired";

    private static async Task<string> LinkAsync(HttpClient client, string query)
    {
        var response = await client.PostAsync(query, null);
        var link = await response.ShouldBe(HttpStatusCode.Created);
        var url = link.GetProperty("url").GetString()!;
        response.Headers.Location!.OriginalString.ShouldBe(url);
        url.ShouldStartWith("/api/v1/exports/downloads/crm_dl_");
        return url;
    }

    private static async Task SeedAsync(HttpClient client)
    {
        foreach (var (name, type) in new[] { ("Łódź A", "customer"), ("Lodz B", "lead"), ("Porto C", "customer"), ("=Lodz D", "customer") })
        {
            await (await client.PostAsJsonAsync("/api/v1/customers", new { name, type })).ShouldBe(HttpStatusCode.Created);
        }
    }

    [Fact]
    public async Task ALinkDownloadsWhatTheExportAnswersOnceWithoutAuthorizationAndTheTokenIsNeverLogged()
    {
        using var admin = await Factory.AdminClientAsync();
        await SeedAsync(admin);
        var started = DateTimeOffset.UtcNow;

        var created = await admin.PostAsync("/api/v1/exports/customers/links?type=customer&q=lodz", null);
        var link = await created.ShouldBe(HttpStatusCode.Created);
        link.GetProperty("expiresAt").GetDateTimeOffset().ShouldBeInRange(started.AddSeconds(55), DateTimeOffset.UtcNow.AddSeconds(61));
        var url = link.GetProperty("url").GetString()!;
        var token = url[(url.LastIndexOf('/') + 1)..];
        token.Length.ShouldBeGreaterThanOrEqualTo(7 + 43, "256 random bits after the prefix");
        (await Factory.ScalarAsync<long>("SELECT count(*) FROM export_links WHERE export::text LIKE @p0 OR token_hash = @p1", "%" + token + "%", token)).ShouldBe(0, "only the hash is stored");

        using var anonymous = Factory.CreateClient();
        var download = await anonymous.GetAsync(url);
        var body = await download.Content.ReadAsStringAsync();
        download.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        download.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        download.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        download.Content.Headers.ContentDisposition.FileName!.Trim('"').ShouldStartWith("customers-");
        download.Headers.CacheControl!.NoStore.ShouldBeTrue();
        download.Headers.GetValues("Referrer-Policy").ShouldBe(["no-referrer"]);
        var direct = await (await admin.GetAsync("/api/v1/exports/customers?type=customer&q=lodz")).Content.ReadAsStringAsync();
        body.ShouldBe(direct);
        body.ShouldContain("Łódź A");
        body.ShouldContain("'=Lodz D");
        body.ShouldNotContain("Porto C");
        (await Factory.ScalarAsync<long>("SELECT count(*) FROM export_links WHERE used_at IS NOT NULL")).ShouldBe(1);

        var again = await (await anonymous.GetAsync(url)).ShouldBeProblem(HttpStatusCode.NotFound);
        again.GetProperty("detail").GetString()!.ShouldContain(Gone);
        again.TryGetProperty("instance", out var instance).ShouldBeTrue();
        instance.GetString()!.ShouldNotContain(token);

        var unknown = await (await anonymous.GetAsync("/api/v1/exports/downloads/crm_dl_nothing-here")).ShouldBeProblem(HttpStatusCode.NotFound);
        unknown.GetProperty("detail").GetString().ShouldBe(again.GetProperty("detail").GetString(), "used and unknown read alike");

        // In the language the browser asks for, like every problem.
        using var greek = new HttpRequestMessage(HttpMethod.Get, url);
        greek.Headers.TryAddWithoutValidation("Accept-Language", "el-GR,el;q=0.9");
        var inGreek = await anonymous.SendAsync(greek);
        inGreek.Content.Headers.ContentLanguage.ShouldBe(["el"]);
        (await inGreek.ShouldBeProblem(HttpStatusCode.NotFound)).GetProperty("detail").GetString()!.ShouldContain("σύνδεσμος λήψης");

        var lines = Factory.LogLines.ToArray();
        lines.ShouldContain(l => l.Contains("/api/v1/exports/downloads/***", StringComparison.Ordinal));
        lines.ShouldNotContain(l => l.Contains(token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheFormatIsChosenWhenTheLinkIsMadeAndContactsHaveLinksToo()
    {
        using var admin = await Factory.AdminClientAsync();
        var customer = (await (await admin.PostAsJsonAsync("/api/v1/customers", new { name = "Contacts Lda" })).ShouldBe(HttpStatusCode.Created)).GetProperty("id").GetString();
        await (await admin.PostAsJsonAsync("/api/v1/contacts", new { customerId = customer, firstName = "Ana", lastName = "Sousa" })).ShouldBe(HttpStatusCode.Created);
        await (await admin.PostAsJsonAsync("/api/v1/customers", new { name = "Other Lda" })).ShouldBe(HttpStatusCode.Created);
        using var anonymous = Factory.CreateClient();

        using (var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/exports/customers/links"))
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            var url = (await (await admin.SendAsync(request)).ShouldBe(HttpStatusCode.Created)).GetProperty("url").GetString()!;
            var json = await anonymous.GetAsync(url); // no Accept: the link remembers JSON
            json.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
            json.Content.Headers.ContentDisposition!.FileName!.Trim('"').ShouldEndWith(".json");
            (await json.ShouldBe(HttpStatusCode.OK)).GetArrayLength().ShouldBe(2);
        }

        var contacts = await anonymous.GetAsync(await LinkAsync(admin, $"/api/v1/exports/contacts/links?customerId={customer}&format=JSON"));
        var rows = await contacts.ShouldBe(HttpStatusCode.OK);
        rows.GetArrayLength().ShouldBe(1);
        rows[0].GetProperty("firstName").GetString().ShouldBe("Ana");
        var csv = await anonymous.GetAsync(await LinkAsync(admin, "/api/v1/exports/contacts/links"));
        (await csv.Content.ReadAsStringAsync()).ShouldBe(await (await admin.GetAsync("/api/v1/exports/contacts")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AnExpiredLinkIs404AndMakingANewLinkDeletesTheExpiredOnes()
    {
        using var admin = await Factory.AdminClientAsync();
        var url = await LinkAsync(admin, "/api/v1/exports/customers/links");
        await Factory.ScalarAsync<int>("UPDATE export_links SET expires_at = now() - interval '1 second' RETURNING 1");

        using var anonymous = Factory.CreateClient();
        (await (await anonymous.GetAsync(url)).ShouldBeProblem(HttpStatusCode.NotFound)).GetProperty("detail").GetString()!.ShouldContain(Gone);
        await (await anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Head, url))).ShouldBe(HttpStatusCode.NotFound);

        await LinkAsync(admin, "/api/v1/exports/customers/links");
        (await Factory.ScalarAsync<long>("SELECT count(*) FROM export_links")).ShouldBe(1, "the expired link is gone");
    }

    [Fact]
    public async Task ALinkOfAUserDeactivatedOrNoLongerAllowedToReadIsRefused()
    {
        using var admin = await Factory.AdminClientAsync();
        foreach (var (email, change) in new (string, object)[] { ("leaver@crm.test", new { active = false }), ("mover@crm.test", new { roles = new[] { "Employee" } }) })
        {
            var id = (await (await admin.PostAsJsonAsync("/api/v1/users", new { email, name = email, password = "password-for-links", roles = new[] { "Sales" } }))
                .ShouldBe(HttpStatusCode.Created)).GetProperty("id").GetString()!;
            using var user = await Factory.ClientAsync(email, "password-for-links");
            var url = await LinkAsync(user, "/api/v1/exports/customers/links");
            await (await admin.PatchAsync($"/api/v1/users/{id}", Http.MergePatch(change))).ShouldBe(HttpStatusCode.OK);

            using var anonymous = Factory.CreateClient();
            var refused = await (await anonymous.GetAsync(url)).ShouldBeProblem(HttpStatusCode.Forbidden);
            refused.GetProperty("detail").GetString()!.ShouldContain("deactivated or may no longer read");
        }

        (await Factory.ScalarAsync<long>("SELECT count(*) FROM export_links WHERE used_at IS NOT NULL")).ShouldBe(0);
    }

    [Fact]
    public async Task ALinkMadeWithAnApiTokenSinceRevokedOrExpiredIsRefusedAndStaysUnused()
    {
        using var admin = await Factory.AdminClientAsync();
        await SeedAsync(admin);
        using var anonymous = Factory.CreateClient();
        async Task<(string Id, HttpClient Client)> MintAsync(string name)
        {
            var body = await (await admin.PostAsJsonAsync("/api/v1/api-tokens", new { name, scopes = new[] { "customers:read" } })).ShouldBe(HttpStatusCode.Created);
            var client = Factory.CreateClient();
            client.Bearer(body.GetProperty("secret").GetString()!);
            return (body.GetProperty("token").GetProperty("id").GetString()!, client);
        }

        var (revokedId, revoking) = await MintAsync("revoked");
        using (revoking)
        {
            var url = await LinkAsync(revoking, "/api/v1/exports/customers/links");
            (await Factory.ScalarAsync<Guid>("SELECT api_token_id FROM export_links")).ToString().ShouldBe(revokedId, "the link remembers its token");
            await (await admin.DeleteAsync($"/api/v1/api-tokens/{revokedId}")).ShouldBe(HttpStatusCode.NoContent);
            var refused = await anonymous.GetAsync(url);
            refused.Content.Headers.ContentDisposition.ShouldBeNull("nothing streamed");
            (await refused.ShouldBeProblem(HttpStatusCode.Forbidden)).GetProperty("detail").GetString()!.ShouldContain("API token this download link was made with");
        }

        var (expiredId, expiring) = await MintAsync("expired");
        using (expiring)
        {
            var url = await LinkAsync(expiring, "/api/v1/exports/customers/links");
            await Factory.ScalarAsync<int>("UPDATE api_tokens SET expires_at = now() - interval '1 second' WHERE id = @p0 RETURNING 1", Guid.Parse(expiredId));
            using var greek = new HttpRequestMessage(HttpMethod.Get, url);
            greek.Headers.TryAddWithoutValidation("Accept-Language", "el");
            (await (await anonymous.SendAsync(greek)).ShouldBeProblem(HttpStatusCode.Forbidden)).GetProperty("detail").GetString()!.ShouldContain("διακριτικό API");
        }

        (await Factory.ScalarAsync<long>("SELECT count(*) FROM export_links WHERE used_at IS NULL")).ShouldBe(2, "both refused links stay unused");
        (await Factory.ScalarAsync<long>("SELECT count(*) FROM audit_entries WHERE action = 'exported'")).ShouldBe(0, "and neither is an export");

        // A link a signed-in person makes remembers no token, and one of a token that holds downloads.
        var (_, holding) = await MintAsync("holding");
        using (holding)
        {
            (await (await anonymous.GetAsync(await LinkAsync(holding, "/api/v1/exports/customers/links"))).Content.ReadAsStringAsync()).ShouldContain("Łódź A");
        }

        await LinkAsync(admin, "/api/v1/exports/customers/links");
        (await Factory.ScalarAsync<long>("SELECT count(*) FROM export_links WHERE api_token_id IS NULL")).ShouldBe(1);
    }

    [Fact]
    public async Task ALinkTakesTheExportsFiltersAndRefusesWhatItRefuses()
    {
        using var admin = await Factory.AdminClientAsync();
        await (await admin.PostAsync("/api/v1/exports/customers/links?type=planet", null)).ShouldBeValidationProblem("type");
        await (await admin.PostAsync("/api/v1/exports/customers/links?format=xml", null)).ShouldBeValidationProblem("format");
        await (await admin.PostAsync("/api/v1/exports/customers/links?customField=nosuch:1", null)).ShouldBeValidationProblem("customField");
        await (await admin.PostAsync($"/api/v1/exports/contacts/links?customerId={Guid.NewGuid()}", null)).ShouldBeProblem(HttpStatusCode.NotFound);
        using var anonymous = Factory.CreateClient();
        await (await anonymous.PostAsync("/api/v1/exports/customers/links", null)).ShouldBeProblem(HttpStatusCode.Unauthorized);
        using var employee = await Factory.ClientWithRoleAsync("Employee");
        await (await employee.PostAsync("/api/v1/exports/contacts/links", null)).ShouldBeProblem(HttpStatusCode.Forbidden);
        (await Factory.ScalarAsync<long>("SELECT count(*) FROM export_links")).ShouldBe(0);
    }

    [Fact]
    public async Task OfTwoDownloadsAtOnceExactlyOneGetsTheFile()
    {
        using var admin = await Factory.AdminClientAsync();
        await SeedAsync(admin);
        for (var round = 0; round < 5; round++)
        {
            var url = await LinkAsync(admin, "/api/v1/exports/customers/links");
            using var first = Factory.CreateClient();
            using var second = Factory.CreateClient();
            var answers = await Task.WhenAll(first.GetAsync(url), second.GetAsync(url));
            answers.Select(a => a.StatusCode).Order().ToArray().ShouldBe([HttpStatusCode.OK, HttpStatusCode.NotFound], $"round {round}");
            (await answers.Single(a => a.StatusCode == HttpStatusCode.NotFound).ShouldBeProblem(HttpStatusCode.NotFound)).GetProperty("detail").GetString()!.ShouldContain(Gone);
        }
    }

    [Fact]
    public async Task HeadAnswersTheHeadersWithoutReadingRowsOrUsingTheLinkUp()
    {
        // One bulk connection, a 2 s wait for it, and it is held: an export that started would be a 503.
        await using var host = Factory.WithWebHostBuilder(b => b
            .UseSetting("ConnectionStrings:Crm", Factory.ConnectionString + ";Timeout=2")
            .UseSetting("Database:BulkPoolSize", "1"));
        using var admin = await AdminAsync(host);
        await SeedAsync(admin);
        var url = await LinkAsync(admin, "/api/v1/exports/customers/links?type=customer");
        using var anonymous = host.CreateClient();

        await using (await host.Services.GetRequiredService<BulkDataSource>().DataSource.OpenConnectionAsync())
        {
            foreach (var (client, path, type, extension) in new[]
            {
                (admin, "/api/v1/exports/customers", "text/csv", ".csv"),
                (admin, "/api/v1/exports/contacts?format=json", "application/json", ".json"),
                (anonymous, url, "text/csv", ".csv"),
            })
            {
                var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));
                head.StatusCode.ShouldBe(HttpStatusCode.OK, path);
                head.Content.Headers.ContentType!.MediaType.ShouldBe(type, path);
                head.Content.Headers.ContentDisposition!.FileName!.Trim('"').ShouldEndWith(extension, Case.Sensitive, path);
                (await head.Content.ReadAsByteArrayAsync()).Length.ShouldBe(0, path);
            }

            var bad = await admin.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/api/v1/exports/customers?type=planet"));
            bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest, "a HEAD checks the filters as the GET does");

            // The GET itself waits for the bulk pool, and its 503 leaves the link unused.
            (await anonymous.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        }

        (await Factory.ScalarAsync<long>("SELECT count(*) FROM export_links WHERE used_at IS NOT NULL")).ShouldBe(0, "neither HEAD nor the 503 used the link");
        var download = await anonymous.GetAsync(url);
        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await download.Content.ReadAsStringAsync()).ShouldContain("Łódź A");
    }

    private static async Task<HttpClient> AdminAsync(WebApplicationFactory<Program> host)
    {
        using var anonymous = host.CreateClient();
        var token = (await (await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { email = CrmApiFactory.AdminEmail, password = CrmApiFactory.AdminPassword })).JsonBody())
            .GetProperty("accessToken").GetString()!;
        var admin = host.CreateClient();
        admin.Bearer(token);
        return admin;
    }
}
