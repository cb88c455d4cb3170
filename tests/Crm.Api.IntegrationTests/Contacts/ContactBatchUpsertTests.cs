using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Crm.Api.IntegrationTests.Infrastructure;

namespace Crm.Api.IntegrationTests.Contacts;

public sealed class ContactBatchUpsertTests(CrmApiFactory factory) : ApiTest(factory)
{
    private static async Task<string> CustomerId(HttpClient client, string name = "Construções São João") =>
        (await (await client.PostAsJsonAsync("/api/v1/customers", new { name })).ShouldBe(HttpStatusCode.Created)).GetProperty("id").GetString()!;

    private static async Task DefineSeniority(HttpClient client) =>
        await (await client.PostAsJsonAsync("/api/v1/custom-fields", new { entity = "contacts", key = "seniority", label = "Seniority", type = "choice", options = new[] { "junior", "senior" } }))
            .ShouldBe(HttpStatusCode.Created);

    private static object[] Items(string customerId) =>
    [
        new { customerId, firstName = "Inês", lastName = "Sá", email = "ines@saojoao.pt", customFields = new { seniority = "Senior" } },
        new { customerId, firstName = "Łukasz", email = "LUKASZ@zaklad.pl", phone = "+48 42 123 45 67" },
        new { customerId = Guid.CreateVersion7(), firstName = "Nobody's", email = "orphan@x.pt" },
        new { customerId, firstName = "Bad field", email = "bad@x.pt", customFields = new { seniority = "intern" } },
        new { customerId, firstName = "Duplicate", email = "lukasz@zaklad.pl" },
        new { customerId, firstName = "No email" },
        new { customerId, firstName = "", email = "nameless@x.pt" },
    ];

    [Fact]
    public async Task ReportsAnOutcomePerItemAndARepeatChangesNothing()
    {
        using var client = await Factory.AdminClientAsync();
        await DefineSeniority(client);
        var customerId = await CustomerId(client);

        var first = await (await client.PostAsJsonAsync("/api/v1/contacts/batch", new { matchOn = "email", items = Items(customerId) })).ShouldBe(HttpStatusCode.OK);

        Statuses(first).ShouldBe(["created", "created", "invalid", "invalid", "invalid", "invalid", "invalid"]);
        Errors(first, 2).ShouldBe(["customerId"]);
        Errors(first, 3).ShouldBe(["customFields.seniority"]);
        Errors(first, 4).ShouldBe(["email"]);
        Errors(first, 5).ShouldBe(["email"]);
        Errors(first, 6).ShouldBe(["firstName"]);
        first.GetProperty("created").GetInt32().ShouldBe(2);
        first.GetProperty("rejected").GetInt32().ShouldBe(5);

        var id = first.GetProperty("results")[0].GetProperty("id").GetString();
        var stored = await (await client.GetAsync($"/api/v1/contacts/{id}")).ShouldBe(HttpStatusCode.OK);
        stored.GetProperty("customerId").GetString().ShouldBe(customerId);
        stored.GetProperty("customFields").GetProperty("seniority").GetString().ShouldBe("senior");

        var second = await (await client.PostAsJsonAsync("/api/v1/contacts/batch", new { matchOn = "email", items = Items(customerId) })).ShouldBe(HttpStatusCode.OK);
        Statuses(second).ShouldBe(["unchanged", "unchanged", "invalid", "invalid", "invalid", "invalid", "invalid"]);
        second.GetProperty("results")[0].GetProperty("id").GetString().ShouldBe(id);
        second.GetProperty("unchanged").GetInt32().ShouldBe(2);

        var audit = await (await client.GetAsync("/api/v1/audit?entityType=contact")).JsonBody();
        audit.GetProperty("items").GetArrayLength().ShouldBe(2); // the repeat wrote nothing
    }

    [Fact]
    public async Task UpdatesMatchesOnExternalIdAndReportsConflicts()
    {
        using var client = await Factory.AdminClientAsync();
        var customerId = await CustomerId(client);
        var otherCustomerId = await CustomerId(client, "Zakład Łódzki");
        var taken = await (await client.PostAsJsonAsync("/api/v1/contacts", new { customerId, firstName = "Owner of the email", email = "taken@x.pt" })).ShouldBe(HttpStatusCode.Created);
        var archived = await (await client.PostAsJsonAsync("/api/v1/contacts", new { customerId, firstName = "Gone", externalId = "ERP-9" })).ShouldBe(HttpStatusCode.Created);
        (await client.DeleteAsync($"/api/v1/contacts/{archived.GetProperty("id").GetString()}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var seeded = await (await client.PostAsJsonAsync("/api/v1/contacts/batch", new { matchOn = "externalId", items = new[] { new { customerId, firstName = "Maria", externalId = "ERP-1" } } })).ShouldBe(HttpStatusCode.OK);

        var body = await (await client.PostAsJsonAsync("/api/v1/contacts/batch", new
        {
            matchOn = "externalId",
            items = new object[]
            {
                new { customerId = otherCustomerId, firstName = "Maria", jobTitle = "Buyer", externalId = "ERP-1" },
                new { customerId, firstName = "Taken", externalId = "ERP-2", email = "taken@x.pt" },
                new { customerId, firstName = "Restore me first", externalId = "ERP-9" },
                new { customerId, firstName = "Shares", externalId = "ERP-3", email = "shared@x.pt" },
                new { customerId, firstName = "Shares too", externalId = "ERP-4", email = "shared@x.pt" },
            },
        })).ShouldBe(HttpStatusCode.OK);

        Statuses(body).ShouldBe(["updated", "conflict", "conflict", "created", "conflict"]);
        body.GetProperty("results")[0].GetProperty("id").GetString().ShouldBe(seeded.GetProperty("results")[0].GetProperty("id").GetString());
        body.GetProperty("results")[1].GetProperty("id").GetString().ShouldBe(taken.GetProperty("id").GetString());
        Errors(body, 1).ShouldBe(["email"]);
        body.GetProperty("results")[2].GetProperty("id").GetString().ShouldBe(archived.GetProperty("id").GetString());
        Errors(body, 2).ShouldBe(["$"]);
        Errors(body, 4).ShouldBe(["email"]);

        var moved = await (await client.GetAsync($"/api/v1/contacts/{body.GetProperty("results")[0].GetProperty("id").GetString()}")).JsonBody();
        moved.GetProperty("customerId").GetString().ShouldBe(otherCustomerId);
        moved.GetProperty("jobTitle").GetString().ShouldBe("Buyer");
    }

    [Fact]
    public async Task ARetryWithTheSameIdempotencyKeyReplaysTheFirstResponse()
    {
        using var client = await Factory.AdminClientAsync();
        var customerId = await CustomerId(client);
        var batch = JsonSerializer.Serialize(new { matchOn = "email", items = new[] { new { customerId, firstName = "Inês", email = "ines@saojoao.pt" } } });

        var first = await (await client.SendWith(HttpMethod.Post, "/api/v1/contacts/batch", Http.Json(batch), idempotencyKey: "contacts-batch-1")).ShouldBe(HttpStatusCode.OK);
        var retry = await (await client.SendWith(HttpMethod.Post, "/api/v1/contacts/batch", Http.Json(batch), idempotencyKey: "contacts-batch-1")).ShouldBe(HttpStatusCode.OK);

        Statuses(retry).ShouldBe(["created"]);
        retry.GetProperty("results")[0].GetProperty("id").GetString().ShouldBe(first.GetProperty("results")[0].GetProperty("id").GetString());
        await (await client.SendWith(HttpMethod.Post, "/api/v1/contacts/batch", Http.Json(batch.Replace("ines@", "ines.sa@", StringComparison.Ordinal)), idempotencyKey: "contacts-batch-1"))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
    }

    [Theory]
    [InlineData("""{"matchOn":"email","items":[]}""", "items")]
    [InlineData("""{"matchOn":"phone","items":[{"firstName":"a"}]}""", "matchOn")]
    [InlineData("""{"items":[{"firstName":"a","colour":"red"}]}""", "items[0].colour")]
    [InlineData("""{"matchOn":"email"}""", "items")]
    public async Task AMalformedBatchIs400(string json, string field)
    {
        using var client = await Factory.AdminClientAsync();
        await (await client.PostAsync("/api/v1/contacts/batch", Http.Json(json))).ShouldBeValidationProblem(field);
    }

    [Fact]
    public async Task MoreThanAThousandItemsIs400AndReadOnlyIs403()
    {
        using var client = await Factory.AdminClientAsync();
        var customerId = await CustomerId(client);
        var items = Enumerable.Range(0, 1001).Select(i => new { customerId, firstName = $"C{i}", email = $"c{i}@x.pt" }).ToArray();
        await (await client.PostAsJsonAsync("/api/v1/contacts/batch", new { items })).ShouldBeValidationProblem("items");

        using var readOnly = await Factory.ClientWithRoleAsync("ReadOnly");
        await (await readOnly.PostAsJsonAsync("/api/v1/contacts/batch", new { items = Items(customerId) })).ShouldBeProblem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task AThousandItemsGoInOneCall()
    {
        using var client = await Factory.AdminClientAsync();
        var customers = new[] { await CustomerId(client), await CustomerId(client, "Αθηναϊκή Εμπορική") };
        var items = Enumerable.Range(0, 1000).Select(i => new { customerId = customers[i % 2], firstName = $"Pessoa {i}", email = $"pessoa{i}@exemplo.pt" }).ToArray();
        var body = await (await client.PostAsJsonAsync("/api/v1/contacts/batch", new { items })).ShouldBe(HttpStatusCode.OK);
        body.GetProperty("created").GetInt32().ShouldBe(1000);
        (await (await client.GetAsync("/api/v1/contacts?includeTotal=true&limit=1")).JsonBody()).GetProperty("total").GetInt64().ShouldBe(1000);
    }

    /// <summary>The contact of the defect report: phone, job title, external id, consent and a custom field.</summary>
    private static async Task<(string Id, string CustomerId)> FullContact(HttpClient client)
    {
        await (await client.PostAsJsonAsync("/api/v1/custom-fields", new { entity = "contacts", key = "level", label = "Level", type = "number" })).ShouldBe(HttpStatusCode.Created);
        await DefineSeniority(client);
        var customerId = await CustomerId(client);
        var body = await (await client.PostAsJsonAsync("/api/v1/contacts/batch", new
        {
            items = new[]
            {
                new
                {
                    customerId, firstName = "Inês", lastName = "Sá", email = "ines@saojoao.pt", phone = "+351 21 123 4567", jobTitle = "Buyer",
                    emailConsent = true, externalId = "ERP-C-1", customFields = new { level = 3, seniority = "senior" },
                },
            },
        })).ShouldBe(HttpStatusCode.OK);
        Statuses(body).ShouldBe(["created"]);
        return (body.GetProperty("results")[0].GetProperty("id").GetString()!, customerId);
    }

    [Fact]
    public async Task AnUpdateKeepsEveryFieldItLeavesOut()
    {
        using var client = await Factory.AdminClientAsync();
        var (id, customerId) = await FullContact(client);
        var before = await (await client.GetAsync($"/api/v1/contacts/{id}")).ShouldBe(HttpStatusCode.OK);

        var body = await (await client.PostAsJsonAsync("/api/v1/contacts/batch", new
        {
            matchOn = "email",
            items = new object[] { new { customerId, firstName = "Inês Maria", email = "ines@saojoao.pt", customFields = new { seniority = "junior" } } },
        })).ShouldBe(HttpStatusCode.OK);

        Statuses(body).ShouldBe(["updated"]);
        var after = await (await client.GetAsync($"/api/v1/contacts/{id}")).ShouldBe(HttpStatusCode.OK);
        after.GetProperty("firstName").GetString().ShouldBe("Inês Maria");
        foreach (var field in new[] { "customerId", "lastName", "email", "phone", "jobTitle", "emailConsent", "externalId" })
        {
            after.GetProperty(field).GetRawText().ShouldBe(before.GetProperty(field).GetRawText(), field);
        }

        after.GetProperty("emailConsent").GetBoolean().ShouldBeTrue();
        after.GetProperty("externalId").GetString().ShouldBe("ERP-C-1");
        after.GetProperty("customFields").GetProperty("level").GetDecimal().ShouldBe(3);
        after.GetProperty("customFields").GetProperty("seniority").GetString().ShouldBe("junior");
    }

    [Fact]
    public async Task ANullClearsAFieldOrCustomFieldKey()
    {
        using var client = await Factory.AdminClientAsync();
        var (id, _) = await FullContact(client);

        var body = await (await client.PostAsync("/api/v1/contacts/batch", Http.Json("""
            {"matchOn":"externalId","items":[{"externalId":"ERP-C-1","lastName":null,"phone":null,"jobTitle":null,"email":null,"customFields":{"level":null}}]}
            """))).ShouldBe(HttpStatusCode.OK);

        Statuses(body).ShouldBe(["updated"]);
        var after = await (await client.GetAsync($"/api/v1/contacts/{id}")).ShouldBe(HttpStatusCode.OK);
        after.GetProperty("firstName").GetString().ShouldBe("Inês");
        foreach (var field in new[] { "lastName", "phone", "jobTitle", "email" })
        {
            after.GetProperty(field).ValueKind.ShouldBe(JsonValueKind.Null, field);
        }

        after.GetProperty("emailConsent").GetBoolean().ShouldBeTrue();
        after.GetProperty("customFields").TryGetProperty("level", out _).ShouldBeFalse();
        after.GetProperty("customFields").GetProperty("seniority").GetString().ShouldBe("senior");
    }

    [Fact]
    public async Task ANullOnARequiredFieldRejectsOnlyItsItem()
    {
        using var client = await Factory.AdminClientAsync();
        var (id, customerId) = await FullContact(client);

        var body = await (await client.PostAsync("/api/v1/contacts/batch", Http.Json($$"""
            {"matchOn":"email","items":[
              {"email":"ines@saojoao.pt","emailConsent":null},
              {"email":"ines@saojoao.pt","firstName":null},
              {"email":"ines@saojoao.pt","customerId":null},
              {"customerId":"{{customerId}}","firstName":"Novo","email":"novo@saojoao.pt"}]}
            """))).ShouldBe(HttpStatusCode.OK);

        Statuses(body).ShouldBe(["invalid", "invalid", "invalid", "created"]);
        body.GetProperty("results")[0].GetProperty("errors").GetProperty("emailConsent")[0].GetString().ShouldBe("emailConsent cannot be removed; send a value.");
        Errors(body, 1).ShouldBe(["firstName"]);
        Errors(body, 2).ShouldBe(["customerId"]);
        var after = await (await client.GetAsync($"/api/v1/contacts/{id}")).ShouldBe(HttpStatusCode.OK);
        after.GetProperty("emailConsent").GetBoolean().ShouldBeTrue();
        after.GetProperty("firstName").GetString().ShouldBe("Inês");
        after.GetProperty("customerId").GetString().ShouldBe(customerId);
    }

    [Fact]
    public async Task APartialUpdateRepeatedIsUnchangedAndWritesNothing()
    {
        using var client = await Factory.AdminClientAsync();
        var (id, _) = await FullContact(client);
        const string batch = """{"matchOn":"externalId","items":[{"externalId":"ERP-C-1","jobTitle":"Head of purchasing","customFields":{"level":4}}]}""";

        Statuses(await (await client.PostAsync("/api/v1/contacts/batch", Http.Json(batch))).ShouldBe(HttpStatusCode.OK)).ShouldBe(["updated"]);
        var second = await (await client.PostAsync("/api/v1/contacts/batch", Http.Json(batch))).ShouldBe(HttpStatusCode.OK);

        Statuses(second).ShouldBe(["unchanged"]);
        second.GetProperty("results")[0].GetProperty("id").GetString().ShouldBe(id);
        var audit = await (await client.GetAsync($"/api/v1/audit?entityType=contact&entityId={id}")).JsonBody();
        audit.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("action").GetString()).ShouldBe(["updated", "created"]);
    }

    [Fact]
    public async Task AnUpdateThatLeavesOutTheExternalIdKeepsItForTheNextBatch()
    {
        using var client = await Factory.AdminClientAsync();
        var (id, customerId) = await FullContact(client);

        Statuses(await (await client.PostAsJsonAsync("/api/v1/contacts/batch", new { matchOn = "email", items = new[] { new { customerId, firstName = "Inês", email = "ines@saojoao.pt" } } }))
            .ShouldBe(HttpStatusCode.OK)).ShouldBe(["unchanged"]);
        Statuses(await (await client.PostAsJsonAsync("/api/v1/contacts/batch", new { matchOn = "email", items = new[] { new { customerId, firstName = "Inês M.", email = "ines@saojoao.pt" } } }))
            .ShouldBe(HttpStatusCode.OK)).ShouldBe(["updated"]);
        var body = await (await client.PostAsJsonAsync("/api/v1/contacts/batch", new { matchOn = "externalId", items = new[] { new { externalId = "ERP-C-1", jobTitle = "CFO" } } }))
            .ShouldBe(HttpStatusCode.OK);

        Statuses(body).ShouldBe(["updated"]);
        body.GetProperty("results")[0].GetProperty("id").GetString().ShouldBe(id);
        var after = await (await client.GetAsync($"/api/v1/contacts/{id}")).ShouldBe(HttpStatusCode.OK);
        after.GetProperty("firstName").GetString().ShouldBe("Inês M.");
        after.GetProperty("jobTitle").GetString().ShouldBe("CFO");
        (await Factory.ScalarAsync<long>("SELECT count(*) FROM contacts")).ShouldBe(1);
    }

    private static List<string> Statuses(JsonElement body) =>
        body.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("status").GetString()!).ToList();

    private static List<string> Errors(JsonElement body, int index) =>
        body.GetProperty("results")[index].GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
}
