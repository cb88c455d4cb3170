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

    private static List<string> Statuses(JsonElement body) =>
        body.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("status").GetString()!).ToList();
}
