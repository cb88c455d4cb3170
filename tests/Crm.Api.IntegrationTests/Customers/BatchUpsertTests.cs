using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Crm.Api.IntegrationTests.Infrastructure;

namespace Crm.Api.IntegrationTests.Customers;

public sealed class BatchUpsertTests(CrmApiFactory factory) : ApiTest(factory)
{
    private static object[] Items() =>
    [
        new { name = "Construções São João", email = "geral@saojoao.pt", type = "customer", tags = new[] { "pt" } },
        new { name = "Zakład Łódzki", email = "BIURO@zaklad.pl" },
        new { name = "", email = "nameless@x.pt" },
        new { name = "No email" },
        new { name = "Duplicate", email = "biuro@zaklad.pl" },
    ];

    [Fact]
    public async Task ReportsAnOutcomePerItemAndARepeatChangesNothing()
    {
        using var client = await Factory.AdminClientAsync();

        var first = await (await client.PostAsJsonAsync("/api/v1/customers/batch", new { matchOn = "email", items = Items() })).ShouldBe(HttpStatusCode.OK);
        Statuses(first).ShouldBe(["created", "created", "invalid", "invalid", "invalid"]);
        first.GetProperty("results")[2].GetProperty("errors").TryGetProperty("name", out _).ShouldBeTrue();
        first.GetProperty("results")[3].GetProperty("errors").TryGetProperty("email", out _).ShouldBeTrue();
        first.GetProperty("created").GetInt32().ShouldBe(2);
        first.GetProperty("rejected").GetInt32().ShouldBe(3);

        var second = await (await client.PostAsJsonAsync("/api/v1/customers/batch", new { matchOn = "email", items = Items() })).ShouldBe(HttpStatusCode.OK);
        Statuses(second).ShouldBe(["unchanged", "unchanged", "invalid", "invalid", "invalid"]);
        second.GetProperty("results")[0].GetProperty("id").GetString().ShouldBe(first.GetProperty("results")[0].GetProperty("id").GetString());

        var audit = await (await client.GetAsync("/api/v1/audit?entityType=customer")).JsonBody();
        audit.GetProperty("items").GetArrayLength().ShouldBe(2); // the repeat wrote nothing
    }

    [Fact]
    public async Task UpdatesMatchesOnExternalIdAndReportsConflicts()
    {
        using var client = await Factory.AdminClientAsync();
        var taken = await (await client.PostAsJsonAsync("/api/v1/customers", new { name = "Owner of the email", email = "taken@x.pt" })).JsonBody();
        await client.PostAsJsonAsync("/api/v1/customers/batch", new { matchOn = "externalId", items = new[] { new { name = "ERP one", externalId = "ERP-1" } } });

        var body = await (await client.PostAsJsonAsync("/api/v1/customers/batch", new
        {
            matchOn = "externalId",
            items = new object[]
            {
                new { name = "ERP one renamed", externalId = "ERP-1" },
                new { name = "ERP two", externalId = "ERP-2", email = "taken@x.pt" },
            },
        })).ShouldBe(HttpStatusCode.OK);

        Statuses(body).ShouldBe(["updated", "conflict"]);
        body.GetProperty("results")[1].GetProperty("id").GetString().ShouldBe(taken.GetProperty("id").GetString());
        (await (await client.GetAsync("/api/v1/customers?q=ERP+one")).JsonBody()).GetProperty("items")[0].GetProperty("name").GetString().ShouldBe("ERP one renamed");
    }

    [Fact]
    public async Task BatchesRacingOverTheSameRecordsEachGetAnOutcomePerItem()
    {
        // Two imports of one spreadsheet at once: each reads the records before the other has written them, so the
        // second save meets the first's new rows (a unique violation) or its changes (a changed row version). Each
        // batch answers item by item all the same; none is a whole 409 or 412.
        using var client = await Factory.AdminClientAsync();
        for (var round = 0; round < 4; round++)
        {
            var items = Enumerable.Range(0, 40).Select(i => new { name = $"Cooperativa Agrícola {i} r{round}", email = $"coop{i}.r{round}@agricola.pt", phone = $"+35121{round}{i:D6}" }).ToArray();
            var changed = items.Select(i => new { i.name, i.email, i.phone, tags = new[] { "cooperativa" } }).ToArray();
            var responses = await Task.WhenAll(
                client.PostAsJsonAsync("/api/v1/customers/batch", new { matchOn = "email", items }),
                client.PostAsJsonAsync("/api/v1/customers/batch", new { matchOn = "email", items = changed }),
                client.PostAsJsonAsync("/api/v1/customers/batch", new { matchOn = "email", items }));

            var statuses = new List<string>();
            foreach (var response in responses)
            {
                statuses.AddRange(Statuses(await response.ShouldBe(HttpStatusCode.OK)));
            }

            statuses.Count(s => s == "created").ShouldBe(40);
            statuses.Where(s => s != "created" && s != "updated" && s != "unchanged").ShouldBeEmpty(string.Join(",", statuses.Distinct()));
        }

        var stored = await (await client.GetAsync("/api/v1/customers?q=cooperativa&limit=200")).JsonBody();
        stored.GetProperty("items").GetArrayLength().ShouldBe(160);
    }

    [Theory]
    [InlineData("""{"matchOn":"email","items":[]}""", "items")]
    [InlineData("""{"matchOn":"phone","items":[{"name":"a"}]}""", "matchOn")]
    [InlineData("""{"items":[{"name":"a","colour":"red"}]}""", "items[0].colour")]
    [InlineData("""{"matchOn":"email"}""", "items")]
    public async Task AMalformedBatchIs400(string json, string field)
    {
        using var client = await Factory.AdminClientAsync();
        await (await client.PostAsync("/api/v1/customers/batch", Http.Json(json))).ShouldBeValidationProblem(field);
    }

    [Fact]
    public async Task AnItemWithoutANameIsInvalidNotAServerError()
    {
        using var client = await Factory.AdminClientAsync();
        var body = await (await client.PostAsync("/api/v1/customers/batch", Http.Json("""{"matchOn":"email","items":[{"email":"no-name@x.pt"}]}"""))).ShouldBe(HttpStatusCode.OK);
        Statuses(body).ShouldBe(["invalid"]);
        await (await client.PostAsync("/api/v1/customers", Http.Json("""{"email":"no-name@x.pt"}"""))).ShouldBeValidationProblem("name");
    }

    [Fact]
    public async Task MoreThanAThousandItemsIs400AndReadOnlyIs403()
    {
        using var client = await Factory.AdminClientAsync();
        var items = Enumerable.Range(0, 1001).Select(i => new { name = $"C{i}", email = $"c{i}@x.pt" }).ToArray();
        await (await client.PostAsJsonAsync("/api/v1/customers/batch", new { items })).ShouldBeValidationProblem("items");

        using var readOnly = await Factory.ClientWithRoleAsync("ReadOnly");
        await (await readOnly.PostAsJsonAsync("/api/v1/customers/batch", new { items = Items() })).ShouldBeProblem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task AThousandItemsGoInOneCall()
    {
        using var client = await Factory.AdminClientAsync();
        var items = Enumerable.Range(0, 1000).Select(i => new { name = $"Cliente {i}", email = $"cliente{i}@exemplo.pt" }).ToArray();
        var body = await (await client.PostAsJsonAsync("/api/v1/customers/batch", new { items })).ShouldBe(HttpStatusCode.OK);
        body.GetProperty("created").GetInt32().ShouldBe(1000);
        (await (await client.GetAsync("/api/v1/customers?includeTotal=true&limit=1")).JsonBody()).GetProperty("total").GetInt64().ShouldBe(1000);
    }

    [Fact]
    public async Task AnAddressChangeAloneIsAnUpdate()
    {
        using var client = await Factory.AdminClientAsync();
        object Item(string city) => new { name = "Porto Lda", email = "geral@porto.pt", address = new { line1 = "Rua das Flores 1", city, country = "pt" } };
        await (await client.PostAsJsonAsync("/api/v1/customers/batch", new { items = new[] { Item("Porto") } })).ShouldBe(HttpStatusCode.OK);

        var body = await (await client.PostAsJsonAsync("/api/v1/customers/batch", new { items = new[] { Item("Braga") } })).ShouldBe(HttpStatusCode.OK);

        Statuses(body).ShouldBe(["updated"]);
        var stored = await (await client.GetAsync($"/api/v1/customers/{body.GetProperty("results")[0].GetProperty("id").GetString()}")).JsonBody();
        stored.GetProperty("address").GetProperty("city").GetString().ShouldBe("Braga");
        Statuses(await (await client.PostAsJsonAsync("/api/v1/customers/batch", new { items = new[] { Item("Braga") } })).ShouldBe(HttpStatusCode.OK)).ShouldBe(["unchanged"]);
    }

    [Fact]
    public async Task AWebsiteTooLongOnceNormalisedRejectsOnlyItsItem()
    {
        using var client = await Factory.AdminClientAsync();

        var body = await (await client.PostAsJsonAsync("/api/v1/customers/batch", new
        {
            matchOn = "email",
            items = new object[]
            {
                new { name = "Before", email = "before@x.pt" },
                new { name = "Long site", email = "long@x.pt", website = "example.com/" + new string('ą', 400) },
                new { name = "After", email = "after@x.pt", website = "example.com/ąę" },
            },
        })).ShouldBe(HttpStatusCode.OK);

        Statuses(body).ShouldBe(["created", "invalid", "created"]);
        body.GetProperty("results")[1].GetProperty("errors").TryGetProperty("website", out _).ShouldBeTrue();
        (await Factory.ScalarAsync<long>("SELECT count(*) FROM customers")).ShouldBe(2);
    }

    private static async Task DefineLevelAndSector(HttpClient client)
    {
        await (await client.PostAsJsonAsync("/api/v1/custom-fields", new { entity = "customers", key = "level", label = "Level", type = "number" })).ShouldBe(HttpStatusCode.Created);
        await (await client.PostAsJsonAsync("/api/v1/custom-fields", new { entity = "customers", key = "sector", label = "Sector", type = "text" })).ShouldBe(HttpStatusCode.Created);
    }

    /// <summary>A customer with every field set, created through the batch; returns its id and the id of its owner.</summary>
    private static async Task<(string Id, string Owner)> FullCustomer(HttpClient client)
    {
        var me = (await (await client.GetAsync("/api/v1/me")).ShouldBe(HttpStatusCode.OK)).GetProperty("id").GetString()!;
        var body = await (await client.PostAsJsonAsync("/api/v1/customers/batch", new
        {
            items = new[]
            {
                new
                {
                    kind = "person", name = "Ana Sá", email = "ana@sa.pt", phone = "+351 21 123 4567", website = "ana-sa.pt", type = "customer",
                    lifecycleStage = "opportunity", ownerId = me, tags = new[] { "vip", "lisboa" }, externalId = "ERP-7",
                    address = new { line1 = "Rua Augusta 24", line2 = "3º Esq", city = "Lisboa", region = "Lisboa", postalCode = "1100-053", country = "PT" },
                    customFields = new { level = 3, sector = "retail" },
                },
            },
        })).ShouldBe(HttpStatusCode.OK);
        Statuses(body).ShouldBe(["created"]);
        return (body.GetProperty("results")[0].GetProperty("id").GetString()!, me);
    }

    [Fact]
    public async Task AnUpdateKeepsEveryFieldItLeavesOut()
    {
        using var client = await Factory.AdminClientAsync();
        await DefineLevelAndSector(client);
        var (id, owner) = await FullCustomer(client);
        var before = await (await client.GetAsync($"/api/v1/customers/{id}")).ShouldBe(HttpStatusCode.OK);

        var body = await (await client.PostAsync("/api/v1/customers/batch", Http.Json("""
            {"matchOn":"email","items":[{"name":"Ana Sá Lda","email":"ana@sa.pt","address":{"city":"Porto"},"customFields":{"sector":"medical"}}]}
            """))).ShouldBe(HttpStatusCode.OK);

        Statuses(body).ShouldBe(["updated"]);
        body.GetProperty("results")[0].GetProperty("id").GetString().ShouldBe(id);
        var after = await (await client.GetAsync($"/api/v1/customers/{id}")).ShouldBe(HttpStatusCode.OK);
        after.GetProperty("name").GetString().ShouldBe("Ana Sá Lda");
        foreach (var field in new[] { "kind", "email", "phone", "website", "type", "lifecycleStage", "ownerId", "externalId" })
        {
            after.GetProperty(field).GetRawText().ShouldBe(before.GetProperty(field).GetRawText(), field);
        }

        after.GetProperty("ownerId").GetString().ShouldBe(owner);
        after.GetProperty("tags").EnumerateArray().Select(t => t.GetString()).ShouldBe(["vip", "lisboa"]);
        var address = after.GetProperty("address");
        address.GetProperty("city").GetString().ShouldBe("Porto");
        address.GetProperty("line1").GetString().ShouldBe("Rua Augusta 24");
        address.GetProperty("line2").GetString().ShouldBe("3º Esq");
        address.GetProperty("region").GetString().ShouldBe("Lisboa");
        address.GetProperty("postalCode").GetString().ShouldBe("1100-053");
        address.GetProperty("country").GetString().ShouldBe("PT");
        after.GetProperty("customFields").GetProperty("level").GetDecimal().ShouldBe(3);
        after.GetProperty("customFields").GetProperty("sector").GetString().ShouldBe("medical");
    }

    [Fact]
    public async Task ANullClearsAFieldAndAnAddressPartOrCustomFieldKey()
    {
        using var client = await Factory.AdminClientAsync();
        await DefineLevelAndSector(client);
        var (id, _) = await FullCustomer(client);

        var body = await (await client.PostAsync("/api/v1/customers/batch", Http.Json("""
            {"matchOn":"externalId","items":[{"externalId":"ERP-7","phone":null,"website":null,"lifecycleStage":null,"ownerId":null,"tags":null,
              "address":{"line2":null,"region":null},"customFields":{"level":null}}]}
            """))).ShouldBe(HttpStatusCode.OK);

        Statuses(body).ShouldBe(["updated"]);
        var after = await (await client.GetAsync($"/api/v1/customers/{id}")).ShouldBe(HttpStatusCode.OK);
        after.GetProperty("name").GetString().ShouldBe("Ana Sá");
        after.GetProperty("email").GetString().ShouldBe("ana@sa.pt");
        foreach (var field in new[] { "phone", "website", "lifecycleStage", "ownerId" })
        {
            after.GetProperty(field).ValueKind.ShouldBe(JsonValueKind.Null, field);
        }

        after.GetProperty("tags").GetArrayLength().ShouldBe(0);
        after.GetProperty("address").GetProperty("line2").ValueKind.ShouldBe(JsonValueKind.Null);
        after.GetProperty("address").GetProperty("region").ValueKind.ShouldBe(JsonValueKind.Null);
        after.GetProperty("address").GetProperty("city").GetString().ShouldBe("Lisboa");
        after.GetProperty("customFields").TryGetProperty("level", out _).ShouldBeFalse();
        after.GetProperty("customFields").GetProperty("sector").GetString().ShouldBe("retail");

        // Whole objects: a null address and null custom fields clear them.
        Statuses(await (await client.PostAsync("/api/v1/customers/batch", Http.Json("""{"matchOn":"externalId","items":[{"externalId":"ERP-7","address":null,"customFields":null}]}""")))
            .ShouldBe(HttpStatusCode.OK)).ShouldBe(["updated"]);
        var cleared = await (await client.GetAsync($"/api/v1/customers/{id}")).ShouldBe(HttpStatusCode.OK);
        cleared.GetProperty("address").ValueKind.ShouldBe(JsonValueKind.Null);
        cleared.GetProperty("customFields").EnumerateObject().ShouldBeEmpty();
    }

    [Fact]
    public async Task ANullOnARequiredFieldRejectsOnlyItsItem()
    {
        using var client = await Factory.AdminClientAsync();
        await DefineLevelAndSector(client);
        var (id, _) = await FullCustomer(client);

        var body = await (await client.PostAsync("/api/v1/customers/batch", Http.Json("""
            {"matchOn":"email","items":[
              {"email":"ana@sa.pt","name":null},
              {"email":"ana@sa.pt","type":null},
              {"email":"ana@sa.pt","Kind":null},
              {"email":"other@sa.pt","name":"Other","type":null},
              {"email":"new@sa.pt","name":"New"}]}
            """))).ShouldBe(HttpStatusCode.OK);

        Statuses(body).ShouldBe(["invalid", "invalid", "invalid", "invalid", "created"]);
        body.GetProperty("results")[0].GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["name"]);
        body.GetProperty("results")[1].GetProperty("errors").GetProperty("type")[0].GetString().ShouldBe("type cannot be removed; send a value.");
        body.GetProperty("results")[2].GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["kind"]);
        body.GetProperty("results")[3].GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["type"]);
        var after = await (await client.GetAsync($"/api/v1/customers/{id}")).ShouldBe(HttpStatusCode.OK);
        after.GetProperty("name").GetString().ShouldBe("Ana Sá");
        after.GetProperty("type").GetString().ShouldBe("customer");
        after.GetProperty("kind").GetString().ShouldBe("person");
    }

    [Fact]
    public async Task APartialUpdateRepeatedIsUnchangedAndWritesNothing()
    {
        using var client = await Factory.AdminClientAsync();
        await DefineLevelAndSector(client);
        var (id, _) = await FullCustomer(client);
        const string batch = """{"matchOn":"email","items":[{"email":"ANA@sa.pt","phone":"+351 22 000 0000","address":{"city":"Porto"},"customFields":{"sector":"medical"}}]}""";

        Statuses(await (await client.PostAsync("/api/v1/customers/batch", Http.Json(batch))).ShouldBe(HttpStatusCode.OK)).ShouldBe(["updated"]);
        var second = await (await client.PostAsync("/api/v1/customers/batch", Http.Json(batch))).ShouldBe(HttpStatusCode.OK);

        Statuses(second).ShouldBe(["unchanged"]);
        second.GetProperty("results")[0].GetProperty("id").GetString().ShouldBe(id);
        var audit = await (await client.GetAsync($"/api/v1/audit?entityType=customer&entityId={id}")).JsonBody();
        audit.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("action").GetString()).ShouldBe(["updated", "created"]);
    }

    [Fact]
    public async Task AnUpdateThatLeavesOutTheExternalIdKeepsItForTheNextBatch()
    {
        using var client = await Factory.AdminClientAsync();
        await DefineLevelAndSector(client);
        var (id, _) = await FullCustomer(client);

        Statuses(await (await client.PostAsJsonAsync("/api/v1/customers/batch", new { matchOn = "email", items = new[] { new { name = "Ana Sá II", email = "ana@sa.pt" } } }))
            .ShouldBe(HttpStatusCode.OK)).ShouldBe(["updated"]);
        var body = await (await client.PostAsJsonAsync("/api/v1/customers/batch", new { matchOn = "externalId", items = new[] { new { externalId = "ERP-7", website = "ana.pt" } } }))
            .ShouldBe(HttpStatusCode.OK);

        Statuses(body).ShouldBe(["updated"]);
        body.GetProperty("results")[0].GetProperty("id").GetString().ShouldBe(id);
        var after = await (await client.GetAsync($"/api/v1/customers/{id}")).ShouldBe(HttpStatusCode.OK);
        after.GetProperty("name").GetString().ShouldBe("Ana Sá II");
        after.GetProperty("website").GetString()!.ShouldContain("ana.pt");
        (await Factory.ScalarAsync<long>("SELECT count(*) FROM customers")).ShouldBe(1);
    }

    [Fact]
    public async Task AnItemThatMatchesNothingIsCreatedFromWhatItCarries()
    {
        using var client = await Factory.AdminClientAsync();
        var body = await (await client.PostAsync("/api/v1/customers/batch", Http.Json("""{"matchOn":"externalId","items":[{"externalId":"ERP-8","name":"Novo","phone":null}]}""")))
            .ShouldBe(HttpStatusCode.OK);

        Statuses(body).ShouldBe(["created"]);
        var created = await (await client.GetAsync($"/api/v1/customers/{body.GetProperty("results")[0].GetProperty("id").GetString()}")).ShouldBe(HttpStatusCode.OK);
        created.GetProperty("type").GetString().ShouldBe("lead");
        created.GetProperty("kind").GetString().ShouldBe("company");
        created.GetProperty("tags").GetArrayLength().ShouldBe(0);
    }

    private static List<string> Statuses(JsonElement body) =>
        body.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("status").GetString()!).ToList();
}
