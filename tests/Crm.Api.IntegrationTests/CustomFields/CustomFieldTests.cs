using System.Net;
using System.Net.Http.Json;
using Crm.Api.IntegrationTests.Infrastructure;

namespace Crm.Api.IntegrationTests.CustomFields;

public sealed class CustomFieldTests(CrmApiFactory factory) : ApiTest(factory)
{
    private static async Task DefineSalesFieldsAsync(HttpClient admin)
    {
        await (await admin.PostAsJsonAsync("/api/v1/custom-fields", new { entity = "customers", key = "sector", label = "Sector", type = "choice", options = new[] { "technology", "medical", "retail", "Saúde" } })).ShouldBe(HttpStatusCode.Created);
        await (await admin.PostAsJsonAsync("/api/v1/custom-fields", new { entity = "customers", key = "revenue", label = "Revenue (M USD)", type = "number" })).ShouldBe(HttpStatusCode.Created);
        await (await admin.PostAsJsonAsync("/api/v1/custom-fields", new { entity = "customers", key = "founded", label = "Founded", type = "date" })).ShouldBe(HttpStatusCode.Created);
        await (await admin.PostAsJsonAsync("/api/v1/custom-fields", new { entity = "customers", key = "markets", label = "Markets", type = "multiChoice", options = new[] { "PT", "ES", "PL", "GR" } })).ShouldBe(HttpStatusCode.Created);
        await (await admin.PostAsJsonAsync("/api/v1/custom-fields", new { entity = "customers", key = "vip", label = "VIP", type = "boolean" })).ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task ValuesAreValidatedNormalisedStoredAndFiltered()
    {
        using var admin = await Factory.AdminClientAsync();
        await DefineSalesFieldsAsync(admin);

        var created = await (await admin.PostAsJsonAsync("/api/v1/customers", new
        {
            name = "Acme Corporation",
            customFields = new Dictionary<string, object?> { ["sector"] = "TECHNOLOGY", ["revenue"] = 1100.040m, ["founded"] = "1996-05-01", ["markets"] = new[] { "gr", "PT" }, ["vip"] = true },
        })).ShouldBe(HttpStatusCode.Created);
        var fields = created.GetProperty("customFields");
        fields.GetProperty("sector").GetString().ShouldBe("technology");
        fields.GetProperty("revenue").GetDecimal().ShouldBe(1100.04m);
        fields.GetProperty("markets").EnumerateArray().Select(e => e.GetString()).ShouldBe(["PT", "GR"]);
        fields.GetProperty("vip").GetBoolean().ShouldBeTrue();
        await admin.PostAsJsonAsync("/api/v1/customers", new { name = "Clínica Saúde", customFields = new { sector = "saude", markets = new[] { "PT" } } });
        await admin.PostAsJsonAsync("/api/v1/customers", new { name = "No fields" });

        async Task<string[]> Names(string query) =>
            (await (await admin.GetAsync($"/api/v1/customers?{query}")).ShouldBe(HttpStatusCode.OK)).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()!).ToArray();

        (await Names("customField=sector:Technology")).ShouldBe(["Acme Corporation"]);
        (await Names("customField=sector:SAUDE")).ShouldBe(["Clínica Saúde"]);
        (await Names("customField=markets:pt")).ShouldBe(["Acme Corporation", "Clínica Saúde"]);
        (await Names("customField=markets:pt&customField=vip:yes")).ShouldBe(["Acme Corporation"]);
        (await Names("customField=revenue:1100.04")).ShouldBe(["Acme Corporation"]);
        await (await admin.GetAsync("/api/v1/customers?customField=colour:red")).ShouldBeValidationProblem("customField");
        await (await admin.GetAsync("/api/v1/customers?customField=revenue:lots")).ShouldBeValidationProblem("customField");

        // Merge patch touches one key and keeps the others; null clears.
        var id = created.GetProperty("id").GetString();
        var get = await admin.GetAsync($"/api/v1/customers/{id}");
        var patched = await (await admin.SendWith(HttpMethod.Patch, $"/api/v1/customers/{id}", Http.MergePatch(new { customFields = new Dictionary<string, object?> { ["vip"] = null, ["revenue"] = 1200 } }), get.ETag())).ShouldBe(HttpStatusCode.OK);
        patched.GetProperty("customFields").TryGetProperty("vip", out _).ShouldBeFalse();
        patched.GetProperty("customFields").GetProperty("revenue").GetDecimal().ShouldBe(1200m);
        patched.GetProperty("customFields").GetProperty("sector").GetString().ShouldBe("technology");
    }

    [Theory]
    [InlineData("""{"name":"x","customFields":{"colour":"red"}}""", "customFields.colour")]
    [InlineData("""{"name":"x","customFields":{"sector":"mining"}}""", "customFields.sector")]
    [InlineData("""{"name":"x","customFields":{"revenue":"a lot"}}""", "customFields.revenue")]
    [InlineData("""{"name":"x","customFields":{"founded":"23/11/2026"}}""", "customFields.founded")]
    [InlineData("""{"name":"x","customFields":{"vip":"maybe"}}""", "customFields.vip")]
    [InlineData("""{"name":"x","customFields":{"markets":"PT"}}""", "customFields.markets")]
    public async Task ABadValueIs400NamingTheField(string json, string field)
    {
        using var admin = await Factory.AdminClientAsync();
        await DefineSalesFieldsAsync(admin);
        await (await admin.PostAsync("/api/v1/customers", Http.Json(json))).ShouldBeValidationProblem(field);
    }

    [Fact]
    public async Task DefinitionsAreAdminOnlyUniqueAndGuardTheirOptions()
    {
        using var admin = await Factory.AdminClientAsync();
        using var sales = await Factory.ClientWithRoleAsync("Sales");
        await DefineSalesFieldsAsync(admin);

        await (await sales.PostAsJsonAsync("/api/v1/custom-fields", new { entity = "customers", key = "x", label = "X", type = "text" })).ShouldBeProblem(HttpStatusCode.Forbidden);
        var list = await (await sales.GetAsync("/api/v1/custom-fields?entity=customers")).ShouldBe(HttpStatusCode.OK);
        list.GetProperty("items").GetArrayLength().ShouldBe(5);
        await (await admin.PostAsJsonAsync("/api/v1/custom-fields", new { entity = "customers", key = "sector", label = "Again", type = "text" })).ShouldBeProblem(HttpStatusCode.Conflict);
        await (await admin.PostAsJsonAsync("/api/v1/custom-fields", new { entity = "customers", key = "Bad Key", label = "X", type = "text" })).ShouldBeValidationProblem("key");
        await (await admin.PostAsJsonAsync("/api/v1/custom-fields", new { entity = "customers", key = "postal_code", label = "X", type = "text" })).ShouldBeValidationProblem("key");
        await (await admin.PostAsJsonAsync("/api/v1/custom-fields", new { entity = "customers", key = "tier", label = "Tier", type = "choice" })).ShouldBeValidationProblem("options");
        await (await admin.PostAsJsonAsync("/api/v1/custom-fields", new { entity = "customers", key = "size", label = "Size", type = "number", options = new[] { "a" } })).ShouldBeValidationProblem("options");

        await admin.PostAsJsonAsync("/api/v1/customers", new { name = "Holds medical", customFields = new { sector = "medical" } });
        var sector = list.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("key").GetString() == "sector");
        var url = $"/api/v1/custom-fields/{sector.GetProperty("id").GetString()}";
        var etag = (await admin.GetAsync(url)).ETag();
        await (await admin.SendWith(HttpMethod.Put, url, JsonContent.Create(new { label = "Sector", options = new[] { "technology", "retail" } }), etag)).ShouldBeProblem(HttpStatusCode.Conflict);
        var renamed = await (await admin.SendWith(HttpMethod.Put, url, JsonContent.Create(new { label = "Industry", options = new[] { "technology", "medical", "Saúde", "energy" } }), etag)).ShouldBe(HttpStatusCode.OK);
        renamed.GetProperty("options").EnumerateArray().Select(o => o.GetString()).ShouldBe(["technology", "medical", "Saúde", "energy"]);

        // Deleting a definition removes its values everywhere, in the same transaction.
        (await admin.SendWith(HttpMethod.Delete, url)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var customer = (await (await admin.GetAsync("/api/v1/customers?q=holds")).JsonBody()).GetProperty("items")[0];
        customer.GetProperty("customFields").EnumerateObject().ShouldBeEmpty();
    }

    [Theory]
    [InlineData("""{"key":"sector","label":"Sector","type":"text"}""")]
    [InlineData("""{"entity":null,"key":"sector","label":"Sector","type":"text"}""")]
    [InlineData("""{"entity":"deals","key":"sector","label":"Sector","type":"text"}""")]
    public async Task ADefinitionWithoutAKnownEntityIs400(string json)
    {
        using var admin = await Factory.AdminClientAsync();
        await (await admin.PostAsync("/api/v1/custom-fields", Http.Json(json))).ShouldBeValidationProblem("entity");
        (await (await admin.GetAsync("/api/v1/custom-fields?entity=customers")).JsonBody()).GetProperty("items").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task AnUpdateWhoseOptionsDoNotFitTheTypeIs400NamingOptions()
    {
        using var admin = await Factory.AdminClientAsync();
        var choice = await (await admin.PostAsJsonAsync("/api/v1/custom-fields", new { entity = "customers", key = "tier", label = "Tier", type = "choice", options = new[] { "gold", "silver" } })).ShouldBe(HttpStatusCode.Created);
        var text = await (await admin.PostAsJsonAsync("/api/v1/custom-fields", new { entity = "customers", key = "motto", label = "Motto", type = "text" })).ShouldBe(HttpStatusCode.Created);
        var choiceUrl = $"/api/v1/custom-fields/{choice.GetProperty("id").GetString()}";
        var textUrl = $"/api/v1/custom-fields/{text.GetProperty("id").GetString()}";
        // A record holds "gold": an empty list is still a 400 about the list, not a 409 about the option.
        await admin.PostAsJsonAsync("/api/v1/customers", new { name = "Holds gold", customFields = new { tier = "gold" } });

        await (await admin.PutAsync(choiceUrl, Http.Json("""{"label":"x","options":[]}"""))).ShouldBeValidationProblem("options");
        await (await admin.PutAsync(choiceUrl, Http.Json("""{"label":"x"}"""))).ShouldBeValidationProblem("options");
        await (await admin.PutAsync(textUrl, Http.Json("""{"label":"x","options":["a"]}"""))).ShouldBeValidationProblem("options");

        var stored = await (await admin.GetAsync(choiceUrl)).ShouldBe(HttpStatusCode.OK);
        stored.GetProperty("label").GetString().ShouldBe("Tier");
        stored.GetProperty("options").EnumerateArray().Select(o => o.GetString()).ShouldBe(["gold", "silver"]);
        (await (await admin.GetAsync(textUrl)).JsonBody()).GetProperty("label").GetString().ShouldBe("Motto");
        (await admin.PutAsync(textUrl, Http.Json("""{"label":"Motto","options":[]}"""))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task TheLiveOpenApiDocumentNamesTheDefinedFields()
    {
        using var admin = await Factory.AdminClientAsync();
        await DefineSalesFieldsAsync(admin);
        var doc = await (await admin.GetAsync("/openapi/v1.json")).ShouldBe(HttpStatusCode.OK);
        string Description(string schema) => doc.GetProperty("components").GetProperty("schemas").GetProperty(schema)
            .GetProperty("properties").GetProperty("customFields").GetProperty("description").GetString()!;
        Description("CustomerInput").ShouldContain("`sector` (Sector: choice of technology, medical, retail, Saúde)");
        Description("CustomerResponse").ShouldContain("`revenue` (Revenue (M USD): number)");
        Description("ContactInput").ShouldContain("No custom fields are defined yet.");

        // Only to a bearer who may read the fields: the document is public, GET /custom-fields is not.
        foreach (var reader in new[] { Factory.CreateClient(), await Factory.ClientWithRoleAsync("Employee") })
        {
            using (reader)
            {
                var hidden = await (await reader.GetAsync("/openapi/v1.json")).ShouldBe(HttpStatusCode.OK);
                var text = hidden.GetProperty("components").GetProperty("schemas").GetProperty("CustomerInput")
                    .GetProperty("properties").GetProperty("customFields").GetProperty("description").GetString()!;
                text.ShouldNotContain("sector");
                text.ShouldNotContain("Defined now");
            }
        }
    }

    [Fact]
    public async Task ARepeatedBatchWithCustomFieldsIsUnchanged()
    {
        using var admin = await Factory.AdminClientAsync();
        await DefineSalesFieldsAsync(admin);
        var batch = new { matchOn = "email", items = new[] { new { name = "Betasoloin", email = "info@betasoloin.com", customFields = new Dictionary<string, object> { ["sector"] = "medical", ["revenue"] = 251.41m, ["markets"] = new[] { "ES", "PT" } } } } };
        var first = await (await admin.PostAsJsonAsync("/api/v1/customers/batch", batch)).ShouldBe(HttpStatusCode.OK);
        first.GetProperty("created").GetInt32().ShouldBe(1);
        var second = await (await admin.PostAsJsonAsync("/api/v1/customers/batch", batch)).ShouldBe(HttpStatusCode.OK);
        second.GetProperty("unchanged").GetInt32().ShouldBe(1);
        var bad = await (await admin.PostAsJsonAsync("/api/v1/customers/batch", new { matchOn = "email", items = new[] { new { name = "B", email = "b@b.pt", customFields = new { sector = "mining" } } } })).ShouldBe(HttpStatusCode.OK);
        bad.GetProperty("results")[0].GetProperty("errors").TryGetProperty("customFields.sector", out _).ShouldBeTrue(bad.ToString());
    }

    [Fact]
    public async Task ContactsCarryCustomFieldsAndAnExternalId()
    {
        using var admin = await Factory.AdminClientAsync();
        await (await admin.PostAsJsonAsync("/api/v1/custom-fields", new { entity = "contacts", key = "language", label = "Language", type = "choice", options = new[] { "Português", "Català", "Polski", "Ελληνικά" } })).ShouldBe(HttpStatusCode.Created);
        var customer = await (await admin.PostAsJsonAsync("/api/v1/customers", new { name = "Αθήνα Α.Ε." })).JsonBody();
        var contact = await (await admin.PostAsJsonAsync("/api/v1/contacts", new { customerId = customer.GetProperty("id").GetString(), firstName = "Γιώργος", externalId = "C-1", customFields = new { language = "ελληνικα" } })).ShouldBe(HttpStatusCode.Created);
        contact.GetProperty("customFields").GetProperty("language").GetString().ShouldBe("Ελληνικά");
        contact.GetProperty("externalId").GetString().ShouldBe("C-1");
        await admin.PostAsJsonAsync("/api/v1/contacts", new { customerId = customer.GetProperty("id").GetString(), firstName = "Jordi", customFields = new { language = "català" } });
        var greek = await (await admin.GetAsync("/api/v1/contacts?customField=language:ελληνικα")).ShouldBe(HttpStatusCode.OK);
        greek.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("firstName").GetString()).ShouldBe(["Γιώργος"]);
        await (await admin.GetAsync("/api/v1/contacts?customField=language:klingon")).ShouldBeValidationProblem("customField");
        await (await admin.PostAsJsonAsync("/api/v1/contacts", new { customerId = customer.GetProperty("id").GetString(), firstName = "Other", externalId = "C-1" })).ShouldBeProblem(HttpStatusCode.Conflict);
        await (await admin.PostAsJsonAsync("/api/v1/contacts", new { customerId = customer.GetProperty("id").GetString(), firstName = "Other", customFields = new { sector = "x" } })).ShouldBeValidationProblem("customFields.sector");
    }
}
