using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Crm.Api.IntegrationTests.Infrastructure;

namespace Crm.Api.IntegrationTests.Exports;

/// <summary>Exports in the audit log: who exported which personal data, how and when (GDPR accountability).</summary>
public sealed class ExportAuditTests(CrmApiFactory factory) : ApiTest(factory)
{
    private Task<long> ExportEntriesAsync() => Factory.ScalarAsync<long>("SELECT count(*) FROM audit_entries WHERE action = 'exported'");

    private static async Task<List<JsonElement>> ExportAuditAsync(HttpClient admin)
    {
        var body = await (await admin.GetAsync("/api/v1/audit?entityType=export")).ShouldBe(HttpStatusCode.OK);
        return [.. body.GetProperty("items").EnumerateArray()];
    }

    private static string? After(JsonElement entry, string field)
    {
        var change = entry.GetProperty("changes").GetProperty(field);
        change.TryGetProperty("before", out _).ShouldBeFalse(field);
        var after = change.GetProperty("after");
        return after.ValueKind == JsonValueKind.String ? after.GetString() : after.GetRawText();
    }

    private static async Task<string> LinkAsync(HttpClient client, string query) =>
        (await (await client.PostAsync(query, null)).ShouldBe(HttpStatusCode.Created)).GetProperty("url").GetString()!;

    private static async Task<string> MintAsync(HttpClient admin, params string[] scopes) =>
        (await (await admin.PostAsJsonAsync("/api/v1/api-tokens", new { name = "Nightly export", scopes })).ShouldBe(HttpStatusCode.Created)).GetProperty("secret").GetString()!;

    private HttpClient WithToken(string secret)
    {
        var client = Factory.CreateClient();
        client.Bearer(secret);
        return client;
    }

    [Fact]
    public async Task ADirectExportAndALinkDownloadEachWriteOneEntryNamingWhoWhatAndHow()
    {
        using var admin = await Factory.AdminClientAsync();
        var customer = (await (await admin.PostAsJsonAsync("/api/v1/customers", new { name = "Łódź Lda", type = "customer", tags = new[] { "vip" } }))
            .ShouldBe(HttpStatusCode.Created)).GetProperty("id").GetString()!;
        await (await admin.PostAsJsonAsync("/api/v1/contacts", new { customerId = customer, firstName = "Ana", lastName = "Sousa" })).ShouldBe(HttpStatusCode.Created);
        using var sales = await Factory.ClientWithRoleAsync("Sales");
        var salesId = (await (await sales.GetAsync("/api/v1/me")).ShouldBe(HttpStatusCode.OK)).GetProperty("id").GetString();

        var direct = await sales.GetAsync("/api/v1/exports/customers?type=Customer&q=%20lodz%20&tag=vip");
        (await direct.Content.ReadAsStringAsync()).ShouldContain("Łódź Lda");
        var entries = await ExportAuditAsync(admin);
        entries.Count.ShouldBe(1, "the customer and contact created are other entity types");
        var first = entries[0];
        first.GetProperty("action").GetString().ShouldBe("exported");
        first.GetProperty("entityType").GetString().ShouldBe("export");
        first.GetProperty("actorId").GetString().ShouldBe(salesId);
        first.GetProperty("actorName").GetString().ShouldBe("Sales user");
        After(first, "entity").ShouldBe("customers");
        After(first, "format").ShouldBe("csv");
        After(first, "channel").ShouldBe("direct");
        After(first, "type").ShouldBe("customer", "normalised as on the wire");
        After(first, "q").ShouldBe("lodz");
        After(first, "tag").ShouldBe("vip");
        // Filters not set are left out.
        first.GetProperty("changes").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToArray().ShouldBe(["channel", "entity", "format", "q", "tag", "type"]);

        var url = await LinkAsync(admin, $"/api/v1/exports/contacts/links?customerId={customer}&format=json");
        var linkId = (await Factory.ScalarAsync<Guid>("SELECT id FROM export_links")).ToString();
        using var anonymous = Factory.CreateClient();
        (await (await anonymous.GetAsync(url)).ShouldBe(HttpStatusCode.OK)).GetArrayLength().ShouldBe(1);
        entries = await ExportAuditAsync(admin);
        entries.Count.ShouldBe(2);
        var download = entries[0];
        download.GetProperty("entityId").GetString().ShouldBe(linkId);
        download.GetProperty("actorName").GetString().ShouldBe("Administrator", "the link's user, though the download carries no Authorization");
        download.GetProperty("actorId").ValueKind.ShouldBe(JsonValueKind.String);
        download.GetProperty("traceId").ValueKind.ShouldBe(JsonValueKind.String);
        After(download, "entity").ShouldBe("contacts");
        After(download, "format").ShouldBe("json");
        After(download, "channel").ShouldBe("link");
        After(download, "customerId").ShouldBe(customer);
        (await ExportEntriesAsync()).ShouldBe(2);

        // The filter in any letter case, like the other entity types; only exports come back.
        var upper = await (await admin.GetAsync("/api/v1/audit?entityType=EXPORT")).ShouldBe(HttpStatusCode.OK);
        upper.GetProperty("items").GetArrayLength().ShouldBe(2);
        var byEntity = await (await admin.GetAsync($"/api/v1/audit?entityType=export&entityId={linkId}")).ShouldBe(HttpStatusCode.OK);
        byEntity.GetProperty("items").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task ARefusedExportAUsedLinkAndAHeadWriteNothing()
    {
        using var admin = await Factory.AdminClientAsync();
        await (await admin.GetAsync("/api/v1/exports/customers?type=planet")).ShouldBeValidationProblem("type");
        await (await admin.GetAsync($"/api/v1/exports/contacts?customerId={Guid.NewGuid()}")).ShouldBeProblem(HttpStatusCode.NotFound);
        (await admin.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/api/v1/exports/customers"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var url = await LinkAsync(admin, "/api/v1/exports/customers/links?archived=true");
        using var anonymous = Factory.CreateClient();
        (await anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Head, url))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ExportEntriesAsync()).ShouldBe(0, "refusals, HEADs and making a link are not exports");

        (await anonymous.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await anonymous.GetAsync(url)).ShouldBeProblem(HttpStatusCode.NotFound);
        var entries = await ExportAuditAsync(admin);
        entries.Count.ShouldBe(1, "the used link's 404 wrote nothing");
        After(entries[0], "archived").ShouldBe("true");
    }

    [Fact]
    public async Task AnApiTokensExportsNameItsOwnerAsItsWritesDo()
    {
        using var admin = await Factory.AdminClientAsync();
        await (await admin.PostAsJsonAsync("/api/v1/customers", new { name = "Porto Lda" })).ShouldBe(HttpStatusCode.Created);
        var secret = await MintAsync(admin, "customers:read");
        using var token = WithToken(secret);
        using var anonymous = Factory.CreateClient();

        (await (await token.GetAsync("/api/v1/exports/customers")).Content.ReadAsStringAsync()).ShouldContain("Porto Lda");
        var working = await LinkAsync(token, "/api/v1/exports/customers/links");
        (await (await anonymous.GetAsync(working)).Content.ReadAsStringAsync()).ShouldContain("Porto Lda");
        var entries = await ExportAuditAsync(admin);
        entries.Count.ShouldBe(2);
        entries.ShouldAllBe(e => e.GetProperty("actorName").GetString() == "Administrator", "as the audit names a token's writes: its owner");
    }
}
