using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
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

    private static readonly string[] ContactColumns =
        ["id", "customerId", "firstName", "lastName", "email", "phone", "jobTitle", "emailConsent", "externalId", "archivedAt", "createdAt", "updatedAt"];

    private static async Task<string[]> Header(HttpResponseMessage response)
    {
        using var reader = new StringReader(await response.Content.ReadAsStringAsync());
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        await csv.ReadAsync();
        csv.ReadHeader();
        return csv.HeaderRecord!;
    }

    private static async Task<string> CustomerId(HttpClient client, string name) =>
        (await (await client.PostAsJsonAsync("/api/v1/customers", new { name })).ShouldBe(HttpStatusCode.Created)).GetProperty("id").GetString()!;

    private static async Task<JsonElement> Contact(HttpClient client, object body) =>
        await (await client.PostAsJsonAsync("/api/v1/contacts", body)).ShouldBe(HttpStatusCode.Created);

    private static async Task Define(HttpClient client, string entity, string key, string type, params string[] options) =>
        await (await client.PostAsJsonAsync("/api/v1/custom-fields", new { entity, key, label = key, type, options })).ShouldBe(HttpStatusCode.Created);

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

    [Theory]
    [InlineData("application/json", "application/json")]
    [InlineData("application/json, text/plain, */*", "application/json")]
    [InlineData("text/csv;q=0.5, application/json", "application/json")]
    [InlineData("application/json;q=0", "text/csv")]
    [InlineData("text/csv, application/json;q=0.5", "text/csv")]
    [InlineData("*/*", "text/csv")]
    public async Task AcceptChoosesJsonOnlyWhereItPrefersJson(string accept, string answered)
    {
        // q=0 means "not this type" (RFC 9110, 12.4.2): an Accept that refused JSON or preferred CSV got JSON.
        using var client = await Factory.AdminClientAsync();
        foreach (var entity in new[] { "customers", "contacts" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/exports/{entity}");
            request.Headers.TryAddWithoutValidation("Accept", accept);
            var response = await client.SendAsync(request);
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            response.Content.Headers.ContentType!.MediaType.ShouldBe(answered, $"{entity}, Accept: {accept}");
        }
    }

    [Theory]
    [InlineData("customers")]
    [InlineData("contacts")]
    public async Task AnUnknownFormatIs400NamingFormatNotACsv(string entity)
    {
        using var client = await Factory.AdminClientAsync();
        var response = await client.GetAsync($"/api/v1/exports/{entity}?format=xml");
        var problem = await response.ShouldBeValidationProblem("format");
        problem.GetProperty("errors").GetProperty("format")[0].GetString().ShouldBe("Use csv or json.");
        response.Content.Headers.ContentDisposition.ShouldBeNull();

        (await client.GetAsync($"/api/v1/exports/{entity}?format=CSV")).Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        (await client.GetAsync($"/api/v1/exports/{entity}?format=Json")).Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
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

    [Fact]
    public async Task ContactsCsvNeutralisesFormulasAndAppliesTheListsFilters()
    {
        using var client = await Factory.AdminClientAsync();
        var porto = await CustomerId(client, "Porto Lda");
        var lodz = await CustomerId(client, "Zakład Łódzki");
        var evil = await Contact(client, new { customerId = porto, firstName = "=cmd|' /C calc'!A0", lastName = "-2+3", jobTitle = "@boss", phone = "+351 22 123 4567", emailConsent = true, externalId = "+ERP" });
        await Contact(client, new { customerId = lodz, firstName = "Łukasz", lastName = "Kowalski", email = "lukasz@zaklad.pl" });
        var gone = await Contact(client, new { customerId = porto, firstName = "Gone", email = "gone@porto.pt" });
        (await client.DeleteAsync($"/api/v1/contacts/{gone.GetProperty("id").GetString()}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var response = await client.GetAsync($"/api/v1/exports/contacts?customerId={porto}");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        response.Content.Headers.ContentDisposition!.FileName!.Trim('"').ShouldStartWith("contacts-");
        (await Header(response)).ShouldBe(ContactColumns);
        var row = (await ReadCsv(response)).ShouldHaveSingleItem();
        row["id"].ShouldBe(evil.GetProperty("id").GetString());
        row["customerId"].ShouldBe(porto);
        row["firstName"].ShouldBe("'=cmd|' /C calc'!A0");
        row["lastName"].ShouldBe("'-2+3");
        row["jobTitle"].ShouldBe("'@boss");
        row["phone"].ShouldBe("'+351221234567");
        row["externalId"].ShouldBe("'+ERP");
        row["emailConsent"].ShouldBe("true");
        row["archivedAt"].ShouldBeEmpty();

        (await ReadCsv(await client.GetAsync("/api/v1/exports/contacts?q=lukasz"))).Select(r => r["firstName"]).ShouldBe(["Łukasz"]);
        var archived = (await ReadCsv(await client.GetAsync($"/api/v1/exports/contacts?archived=true&customerId={porto}"))).ShouldHaveSingleItem();
        archived["email"].ShouldBe("gone@porto.pt");
        archived["emailConsent"].ShouldBe("false");
        DateTimeOffset.Parse(archived["archivedAt"], CultureInfo.InvariantCulture).ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddMinutes(-5));
        (await ReadCsv(await client.GetAsync("/api/v1/exports/contacts"))).Count.ShouldBe(2);
    }

    [Fact]
    public async Task ContactsJsonIsAvailableAndBadFiltersAndAccessAreChecked()
    {
        using var client = await Factory.AdminClientAsync();
        var porto = await CustomerId(client, "Porto Lda");
        await Contact(client, new { customerId = porto, firstName = "Inês" });
        await Contact(client, new { customerId = await CustomerId(client, "Other"), firstName = "Maria" });

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/exports/contacts?customerId={porto}");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var response = await client.SendAsync(request);
        response.Content.Headers.ContentDisposition!.FileName!.Trim('"').ShouldEndWith(".json");
        var json = await response.ShouldBe(HttpStatusCode.OK);
        json.EnumerateArray().Select(c => c.GetProperty("firstName").GetString()).ShouldBe(["Inês"]);
        (await (await client.GetAsync("/api/v1/exports/contacts?format=json")).JsonBody()).GetArrayLength().ShouldBe(2);

        await (await client.GetAsync($"/api/v1/exports/contacts?customerId={Guid.CreateVersion7()}")).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await client.GetAsync($"/api/v1/exports/contacts?q={new string('x', 300)}")).ShouldBeValidationProblem("q");
        using var anonymous = Factory.CreateClient();
        await (await anonymous.GetAsync("/api/v1/exports/contacts")).ShouldBeProblem(HttpStatusCode.Unauthorized);
        using var employee = await Factory.ClientWithRoleAsync("Employee");
        await (await employee.GetAsync("/api/v1/exports/contacts")).ShouldBeProblem(HttpStatusCode.Forbidden);
        using var readOnly = await Factory.ClientWithRoleAsync("ReadOnly");
        (await readOnly.GetAsync("/api/v1/exports/contacts")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task EachCustomFieldGetsAColumnHeadedByItsKeyInBothExports()
    {
        using var client = await Factory.AdminClientAsync();
        await Define(client, "customers", "sector", "choice", "technology", "Saúde");
        await Define(client, "customers", "revenue", "number");
        await Define(client, "customers", "founded", "date");
        await Define(client, "customers", "markets", "multiChoice", "PT", "ES", "PL", "GR");
        await Define(client, "customers", "vip", "boolean");
        await Define(client, "customers", "motto", "text");
        await Define(client, "contacts", "seniority", "choice", "junior", "senior");
        await Define(client, "contacts", "languages", "multiChoice", "pt", "pl", "el");
        var acme = await (await client.PostAsJsonAsync("/api/v1/customers", new
        {
            name = "Acme",
            customFields = new Dictionary<string, object> { ["sector"] = "saude", ["revenue"] = 1100.040m, ["founded"] = "1996-05-01", ["markets"] = new[] { "GR", "PT" }, ["vip"] = false, ["motto"] = "=SUM(A1:A9)" },
        })).ShouldBe(HttpStatusCode.Created);
        await (await client.PostAsJsonAsync("/api/v1/customers", new { name = "Plain" })).ShouldBe(HttpStatusCode.Created);
        await Contact(client, new { customerId = acme.GetProperty("id").GetString(), firstName = "Νίκος", customFields = new { seniority = "senior", languages = new[] { "el", "pt" } } });

        var customers = await client.GetAsync("/api/v1/exports/customers");
        (await Header(customers)).TakeLast(7).ShouldBe(["updatedAt", "sector", "revenue", "founded", "markets", "vip", "motto"]);
        var rows = await ReadCsv(customers);
        var row = rows.Single(r => r["name"] == "Acme");
        row["sector"].ShouldBe("Saúde");
        row["revenue"].ShouldBe("1100.04");
        row["founded"].ShouldBe("1996-05-01");
        row["markets"].ShouldBe("PT;GR");
        row["vip"].ShouldBe("false");
        row["motto"].ShouldBe("'=SUM(A1:A9)");
        new[] { "sector", "revenue", "founded", "markets", "vip", "motto" }.ShouldAllBe(k => rows.Single(r => r["name"] == "Plain")[k] == string.Empty);

        var contacts = await client.GetAsync("/api/v1/exports/contacts");
        (await Header(contacts)).ShouldBe([.. ContactColumns, "seniority", "languages"]);
        var contact = (await ReadCsv(contacts)).ShouldHaveSingleItem();
        contact["seniority"].ShouldBe("senior");
        contact["languages"].ShouldBe("pt;el");

        var json = await (await client.GetAsync("/api/v1/exports/contacts?format=json")).JsonBody();
        json[0].GetProperty("customFields").GetProperty("seniority").GetString().ShouldBe("senior");
    }

    [Fact]
    public async Task AnExportedCustomersFileReimportsUnchanged()
    {
        using var client = await Factory.AdminClientAsync();
        await Define(client, "customers", "sector", "choice", "technology", "Saúde");
        await Define(client, "customers", "revenue", "number");
        await Define(client, "customers", "founded", "date");
        await Define(client, "customers", "markets", "multiChoice", "PT", "ES", "PL", "GR");
        await Define(client, "customers", "vip", "boolean");
        await (await client.PostAsJsonAsync("/api/v1/customers", new
        {
            name = "Acme",
            email = "geral@acme.pt",
            phone = "+351 21 123 4567",
            tags = new[] { "vip", "pt" },
            customFields = new Dictionary<string, object> { ["sector"] = "Saúde", ["revenue"] = -1100.5m, ["founded"] = "1996-05-01", ["markets"] = new[] { "PT", "GR" }, ["vip"] = true },
        })).ShouldBe(HttpStatusCode.Created);
        await (await client.PostAsJsonAsync("/api/v1/customers", new { name = "Plain", email = "plain@x.pt", type = "lead" })).ShouldBe(HttpStatusCode.Created);
        var file = await (await client.GetAsync("/api/v1/exports/customers")).Content.ReadAsStringAsync();

        using var content = new StringContent(file, Encoding.UTF8, "text/csv");
        var started = await (await client.PostAsync("/api/v1/imports?entity=customers&matchOn=email&mode=upsert", content)).ShouldBe(HttpStatusCode.Accepted);

        var job = await ImportJobs.FinishedAsync(client, started.GetProperty("id").GetString()!);
        job.GetProperty("status").GetString().ShouldBe("succeeded", job.ToString());
        new[] { "inserted", "updated", "unchanged", "rejected" }.Select(p => job.GetProperty(p).GetInt64()).ShouldBe([0L, 0L, 2L, 0L], job.ToString());
    }

}
