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

    private static List<string> Statuses(JsonElement body) =>
        body.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("status").GetString()!).ToList();

    private static List<string> Errors(JsonElement body, int index) =>
        body.GetProperty("results")[index].GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
}
