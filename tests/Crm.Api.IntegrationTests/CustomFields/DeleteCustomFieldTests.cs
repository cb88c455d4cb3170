using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Crm.Api.IntegrationTests.Infrastructure;

namespace Crm.Api.IntegrationTests.CustomFields;

public sealed class DeleteCustomFieldTests(CrmApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task DeletingADefinitionAuditsEveryRecordWhoseValueItRemoved()
    {
        using var admin = await Factory.AdminClientAsync();
        var score = await (await admin.PostAsJsonAsync("/api/v1/custom-fields", new { entity = "customers", key = "score", label = "Score", type = "number" })).ShouldBe(HttpStatusCode.Created);
        await (await admin.PostAsJsonAsync("/api/v1/custom-fields", new { entity = "customers", key = "zone", label = "Zona", type = "text" })).ShouldBe(HttpStatusCode.Created);
        var hobby = await (await admin.PostAsJsonAsync("/api/v1/custom-fields", new { entity = "contacts", key = "hobby", label = "Hobby", type = "text" })).ShouldBe(HttpStatusCode.Created);

        var scored = await (await admin.PostAsJsonAsync("/api/v1/customers", new { name = "Σκορ Α.Ε.", customFields = new { score = 7, zone = "Attica" } })).ShouldBe(HttpStatusCode.Created);
        var unscored = await (await admin.PostAsJsonAsync("/api/v1/customers", new { name = "Bez wyniku", customFields = new { zone = "Mazowsze" } })).ShouldBe(HttpStatusCode.Created);
        var contact = await (await admin.PostAsJsonAsync("/api/v1/contacts", new { customerId = Id(scored), firstName = "Núria", customFields = new { hobby = "castells" } })).ShouldBe(HttpStatusCode.Created);

        // What the auditing interceptor records for a change of custom fields through the API, to compare with.
        var patchedId = Id(unscored);
        var etag = (await admin.GetAsync($"/api/v1/customers/{patchedId}")).ETag();
        await (await admin.SendWith(HttpMethod.Patch, $"/api/v1/customers/{patchedId}", Http.MergePatch(new { customFields = new { zone = "Małopolska" } }), etag)).ShouldBe(HttpStatusCode.OK);
        var throughApi = (await AuditAsync(admin, "customer", patchedId))[0].GetProperty("changes").GetProperty("customFields");

        (await admin.SendWith(HttpMethod.Delete, $"/api/v1/custom-fields/{Id(score)}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await admin.SendWith(HttpMethod.Delete, $"/api/v1/custom-fields/{Id(hobby)}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var customerAudit = await AuditAsync(admin, "customer", Id(scored));
        customerAudit.Count.ShouldBe(2);
        var removal = customerAudit[0];
        removal.GetProperty("action").GetString().ShouldBe("updated");
        removal.GetProperty("actorName").GetString().ShouldBe("Administrator");
        removal.GetProperty("changes").EnumerateObject().Select(p => p.Name).ShouldBe(["customFields"]);
        var change = removal.GetProperty("changes").GetProperty("customFields");
        change.GetProperty("before").ValueKind.ShouldBe(throughApi.GetProperty("before").ValueKind);
        // The same canonical text as the interceptor records (keys sorted, compact), not PostgreSQL's print of the jsonb.
        change.GetProperty("before").GetString().ShouldBe("""{"score":7,"zone":"Attica"}""");
        change.GetProperty("after").GetString().ShouldBe("""{"zone":"Attica"}""");
        throughApi.GetProperty("after").GetString().ShouldBe("""{"zone":"Małopolska"}""");
        var stored = await (await admin.GetAsync($"/api/v1/customers/{Id(scored)}")).ShouldBe(HttpStatusCode.OK);
        stored.GetProperty("customFields").EnumerateObject().Select(p => p.Name).ShouldBe(["zone"]);

        // A record that held no value of the field is neither changed nor audited again.
        (await AuditAsync(admin, "customer", patchedId)).Count.ShouldBe(2);

        var contactAudit = await AuditAsync(admin, "contact", Id(contact));
        contactAudit[0].GetProperty("action").GetString().ShouldBe("updated");
        Fields(contactAudit[0].GetProperty("changes").GetProperty("customFields").GetProperty("before")).ShouldBe(new Dictionary<string, string> { ["hobby"] = "\"castells\"" });
        Fields(contactAudit[0].GetProperty("changes").GetProperty("customFields").GetProperty("after")).ShouldBeEmpty();
    }

    private static string Id(JsonElement created) => created.GetProperty("id").GetString()!;

    private static async Task<List<JsonElement>> AuditAsync(HttpClient client, string entityType, string id) =>
        (await (await client.GetAsync($"/api/v1/audit?entityType={entityType}&entityId={id}")).ShouldBe(HttpStatusCode.OK))
            .GetProperty("items").EnumerateArray().ToList();

    /// <summary>A custom-fields value of an audit entry (JSON text, as the interceptor records the property) as key → raw JSON.</summary>
    private static Dictionary<string, string> Fields(JsonElement value)
    {
        using var document = JsonDocument.Parse(value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText());
        return document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetRawText());
    }
}
