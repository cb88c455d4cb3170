using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Crm.Api.IntegrationTests.Infrastructure;
using CsvHelper;

namespace Crm.Api.IntegrationTests.Exports;

public sealed class ExportTests(CrmApiFactory factory) : ApiTest(factory)
{
    private static async Task<List<Dictionary<string, string>>> ReadCsv(HttpResponseMessage response)
    {
        using var reader = new StringReader(await response.Content.ReadAsStringAsync());
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        var rows = new List<Dictionary<string, string>>();
        await csv.ReadAsync();
        csv.ReadHeader();
        while (await csv.ReadAsync())
        {
            rows.Add(csv.HeaderRecord!.ToDictionary(h => h, h => csv.GetField(h)!));
        }

        return rows;
    }

    [Fact]
    public async Task CsvNeutralisesFormulasAndKeepsEveryScriptIntact()
    {
        using var client = await Factory.AdminClientAsync();
        (await client.PostAsJsonAsync("/api/v1/customers", new { name = "=HYPERLINK(\"http://evil\",\"x\")", tags = new[] { "@vip" }, phone = "+48 42 123 45 67" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await client.PostAsJsonAsync("/api/v1/customers", new { name = "Αθηναϊκή, \"Εμπορική\"\nΑ.Ε.", type = "customer" })).StatusCode.ShouldBe(HttpStatusCode.Created);

        var response = await client.GetAsync("/api/v1/exports/customers");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        response.Content.Headers.ContentDisposition!.FileName!.Trim('"').ShouldEndWith(".csv");
        var rows = await ReadCsv(response);
        rows.Count.ShouldBe(2);
        var evil = rows.Single(r => r["name"].Contains("HYPERLINK", StringComparison.Ordinal));
        evil["name"].ShouldStartWith("'=");
        evil["tags"].ShouldBe("'@vip");
        evil["phone"].ShouldBe("'+48421234567");
        rows.Single(r => r["type"] == "customer")["name"].ShouldBe("Αθηναϊκή, \"Εμπορική\"\nΑ.Ε.");
    }

    [Fact]
    public async Task TheListsFiltersApplyAndJsonIsAvailable()
    {
        using var client = await Factory.AdminClientAsync();
        foreach (var (name, type) in new[] { ("Łódź A", "customer"), ("Lodz B", "lead"), ("Porto C", "customer") })
        {
            await client.PostAsJsonAsync("/api/v1/customers", new { name, type });
        }

        var filtered = await ReadCsv(await client.GetAsync("/api/v1/exports/customers?type=customer&q=lodz"));
        filtered.Select(r => r["name"]).ShouldBe(["Łódź A"]);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/exports/customers?type=customer");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var json = await (await client.SendAsync(request)).ShouldBe(HttpStatusCode.OK);
        json.GetArrayLength().ShouldBe(2);
        (await (await client.GetAsync("/api/v1/exports/customers?format=json")).JsonBody()).GetArrayLength().ShouldBe(3);
    }

    [Fact]
    public async Task BadFiltersAre400AndAccessIsChecked()
    {
        using var client = await Factory.AdminClientAsync();
        await (await client.GetAsync("/api/v1/exports/customers?type=planet")).ShouldBeValidationProblem("type");
        using var anonymous = Factory.CreateClient();
        await (await anonymous.GetAsync("/api/v1/exports/customers")).ShouldBeProblem(HttpStatusCode.Unauthorized);
        using var employee = await Factory.ClientWithRoleAsync("Employee");
        await (await employee.GetAsync("/api/v1/exports/customers")).ShouldBeProblem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ExportsEveryRowOfALargerSetInIdOrder()
    {
        await using (var db = new Npgsql.NpgsqlConnection(Factory.ConnectionString))
        {
            await db.OpenAsync();
            // Bulk rows straight into the table, as an import would leave them.
            await using var cmd = new Npgsql.NpgsqlCommand("""
                INSERT INTO customers (id, kind, name, type, tags, search_text, created_at, updated_at)
                SELECT uuidv7_like, 'Company', 'Bulk ' || g, 'Lead', '{}', 'bulk ' || g, now(), now()
                FROM generate_series(1, 5000) g,
                     LATERAL (SELECT (lpad(to_hex(g), 8, '0') || '-0000-7000-8000-000000000000')::uuid AS uuidv7_like) u
                """, db);
            await cmd.ExecuteNonQueryAsync();
        }

        using var client = await Factory.AdminClientAsync();
        var rows = await ReadCsv(await client.GetAsync("/api/v1/exports/customers"));
        rows.Count.ShouldBe(5000);
        rows.Select(r => r["id"]).ShouldBe(rows.Select(r => r["id"]).Order(StringComparer.Ordinal).ToList());
    }
}
