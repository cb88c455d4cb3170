using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Crm.Api.IntegrationTests.Infrastructure;

namespace Crm.Api.IntegrationTests.CustomFields;

public sealed class CustomFieldInputTests(CrmApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task ADefinitionWithoutATypeIs400NotASilentTextField()
    {
        using var admin = await Factory.AdminClientAsync();
        await (await admin.PostAsJsonAsync("/api/v1/custom-fields", new { entity = "customers", key = "tier", label = "Tier" })).ShouldBeValidationProblem("type");
        await (await admin.PostAsJsonAsync("/api/v1/custom-fields", new { entity = "customers", key = "tier", label = "Tier", type = (string?)null })).ShouldBeValidationProblem("type");
        var list = await (await admin.GetAsync("/api/v1/custom-fields?entity=customers")).ShouldBe(HttpStatusCode.OK);
        list.GetProperty("items").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task OptionsThatDifferOnlyInCaseOrAccentsAreOneOptionAsValuesMatchThem()
    {
        using var admin = await Factory.AdminClientAsync();
        var created = await (await admin.PostAsJsonAsync("/api/v1/custom-fields", new
        {
            entity = "customers", key = "area", label = "Área", type = "choice", options = new[] { "Saúde", "saude", "SAÚDE", "Educação", "educacao", "Ελλάδα", "ΕΛΛΑΔΑ" },
        })).ShouldBe(HttpStatusCode.Created);
        created.GetProperty("options").EnumerateArray().Select(o => o.GetString()).ShouldBe(["Saúde", "Educação", "Ελλάδα"]);

        var customer = await (await admin.PostAsJsonAsync("/api/v1/customers", new { name = "Clínica", customFields = new { area = "SAUDE" } })).ShouldBe(HttpStatusCode.Created);
        customer.GetProperty("customFields").GetProperty("area").GetString().ShouldBe("Saúde");
    }

    [Theory]
    [InlineData(null, "A number field holds at most 28 digits before the decimal point (about ±7.9 × 10²⁸).")]
    [InlineData("pl", "Pole liczbowe mieści najwyżej 28 cyfr przed przecinkiem (około ±7,9 × 10²⁸).")]
    public async Task ANumberTooLargeToStoreIsSaidSoNotCalledNotANumber(string? language, string tooLarge)
    {
        // 1e30 and 1e308 are numbers; the answer was "Not a number." in the body, the filter and an import.
        using var admin = await Factory.AdminClientAsync();
        if (language is not null)
        {
            admin.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        }

        await (await admin.PostAsJsonAsync("/api/v1/custom-fields", new { entity = "customers", key = "revenue", label = "Revenue", type = "number" })).ShouldBe(HttpStatusCode.Created);
        foreach (var body in new[] { """{"name":"Big","customFields":{"revenue":1e30}}""", """{"name":"Big","customFields":{"revenue":-1e308}}""" })
        {
            var problem = await (await admin.PostAsync("/api/v1/customers", Http.Json(body))).ShouldBeValidationProblem("customFields.revenue");
            problem.GetProperty("errors").GetProperty("customFields.revenue")[0].GetString().ShouldBe(tooLarge);
        }

        var filter = await (await admin.GetAsync("/api/v1/customers?customField=revenue:1e30")).ShouldBeValidationProblem("customField");
        filter.GetProperty("errors").GetProperty("customField")[0].GetString().ShouldBe(tooLarge);

        // Still "not a number" where it is not one; and the largest that fits is kept.
        (await (await admin.PostAsync("/api/v1/customers", Http.Json("""{"name":"Text","customFields":{"revenue":"lots"}}"""))).ShouldBeValidationProblem("customFields.revenue"))
            .GetProperty("errors").GetProperty("customFields.revenue")[0].GetString().ShouldNotBe(tooLarge);
        (await (await admin.GetAsync("/api/v1/customers?customField=revenue:lots")).ShouldBeValidationProblem("customField"))
            .GetProperty("errors").GetProperty("customField")[0].GetString().ShouldNotBe(tooLarge);
        await (await admin.PostAsync("/api/v1/customers", Http.Json("""{"name":"Max","customFields":{"revenue":79228162514264337593543950335}}"""))).ShouldBe(HttpStatusCode.Created);
    }

    private const string WithTime = "Not a date but a date and time; a date field takes YYYY-MM-DD (2026-03-01).";

    [Fact]
    public async Task ADateGivenATimestampIs400NamingTheFieldNotCutToItsDay()
    {
        // Which day 10:00Z falls on depends on the zone: the value was stored as 2026-03-01 without a word.
        using var admin = await Factory.AdminClientAsync();
        await (await admin.PostAsJsonAsync("/api/v1/custom-fields", new { entity = "customers", key = "founded", label = "Founded", type = "date" })).ShouldBe(HttpStatusCode.Created);

        var created = await (await admin.PostAsJsonAsync("/api/v1/customers", new { name = "Dated", customFields = new { founded = "2026-03-01" } })).ShouldBe(HttpStatusCode.Created);
        created.GetProperty("customFields").GetProperty("founded").GetString().ShouldBe("2026-03-01");
        var id = created.GetProperty("id").GetString();

        // Midnight is how spreadsheets and databases write a date cell: that is the day. Any other time is refused.
        var midnight = await (await admin.PostAsJsonAsync("/api/v1/customers", new { name = "Midnight", customFields = new { founded = "2026-03-01T00:00:00" } })).ShouldBe(HttpStatusCode.Created);
        midnight.GetProperty("customFields").GetProperty("founded").GetString().ShouldBe("2026-03-01");
        foreach (var stamp in new[] { "2026-03-01T10:00:00Z", "2026-03-01T00:00:01", "2026-03-01 10:00", "2026-03-01t10:00:00+02:00" })
        {
            var posted = await (await admin.PostAsJsonAsync("/api/v1/customers", new { name = "Stamped", customFields = new { founded = stamp } })).ShouldBeValidationProblem("customFields.founded");
            posted.GetProperty("errors").GetProperty("customFields.founded")[0].GetString().ShouldBe(WithTime, stamp);
        }

        await (await admin.PatchAsync($"/api/v1/customers/{id}", Http.MergePatch(new { customFields = new { founded = "2026-03-01T10:00:00Z" } })))
            .ShouldBeValidationProblem("customFields.founded");
        await (await admin.PutAsJsonAsync($"/api/v1/customers/{id}", new { name = "Dated", customFields = new { founded = "2026-03-01T10:00:00Z" } }))
            .ShouldBeValidationProblem("customFields.founded");

        var batch = await (await admin.PostAsJsonAsync("/api/v1/customers/batch", new
        {
            matchOn = "externalId",
            items = new object[]
            {
                new { name = "Batched", externalId = "B-1", customFields = new { founded = "2026-03-01T10:00:00Z" } },
                new { name = "Batched day", externalId = "B-2", customFields = new { founded = "2026-03-02" } },
            },
        })).ShouldBe(HttpStatusCode.OK);
        batch.GetProperty("results")[0].GetProperty("status").GetString().ShouldBe("invalid");
        batch.GetProperty("results")[0].GetProperty("errors").GetProperty("customFields.founded")[0].GetString().ShouldBe(WithTime);
        batch.GetProperty("results")[1].GetProperty("status").GetString().ShouldBe("created");

        var stored = await (await admin.GetAsync($"/api/v1/customers/{id}")).ShouldBe(HttpStatusCode.OK);
        stored.GetProperty("customFields").GetProperty("founded").GetString().ShouldBe("2026-03-01");

        // Greek: the field keeps its name, the words are the request's.
        using var greek = new HttpRequestMessage(HttpMethod.Post, "/api/v1/customers")
        {
            Content = Http.Json("""{"name":"Χρονοσφραγίδα","customFields":{"founded":"2026-03-01T10:00:00Z"}}"""),
        };
        greek.Headers.AcceptLanguage.ParseAdd("el");
        (await (await admin.SendAsync(greek)).ShouldBeValidationProblem("customFields.founded")).GetProperty("errors").GetProperty("customFields.founded")[0].GetString()
            .ShouldBe("Δεν είναι ημερομηνία αλλά ημερομηνία και ώρα· ένα πεδίο ημερομηνίας δέχεται ΕΕΕΕ-ΜΜ-ΗΗ (2026-03-01).");
    }

    [Fact]
    public async Task AnImportRowWithATimestampInADateColumnIsRejectedWithTheReason()
    {
        using var admin = await Factory.AdminClientAsync();
        await (await admin.PostAsJsonAsync("/api/v1/custom-fields", new { entity = "customers", key = "founded", label = "Founded", type = "date" })).ShouldBe(HttpStatusCode.Created);
        var csv = new ByteArrayContent(Encoding.UTF8.GetBytes("Name,Founded\nStamped,2026-03-01T10:00:00Z\nDated,2026-03-01\nSpaced,2026-03-01 09:30:00\nExcel,2026-03-01 00:00:00\n"));
        csv.Headers.ContentType = new MediaTypeHeaderValue("text/csv");

        var started = await (await admin.PostAsync("/api/v1/imports?entity=customers&mode=insert", csv)).ShouldBe(HttpStatusCode.Accepted);
        var job = started;
        for (var i = 0; i < 300 && job.GetProperty("status").GetString() is not ("succeeded" or "failed"); i++)
        {
            await Task.Delay(100);
            job = await (await admin.GetAsync($"/api/v1/imports/{started.GetProperty("id").GetString()}")).ShouldBe(HttpStatusCode.OK);
        }

        job.GetProperty("status").GetString().ShouldBe("succeeded", job.ToString());
        job.GetProperty("inserted").GetInt64().ShouldBe(2);
        job.GetProperty("rejected").GetInt64().ShouldBe(2);
        var errors = (await (await admin.GetAsync($"/api/v1/imports/{job.GetProperty("id").GetString()}/errors")).Content.ReadAsStringAsync())
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);
        errors[1].ShouldStartWith($"2,customFields.founded: {WithTime}");
        errors[2].ShouldStartWith($"4,customFields.founded: {WithTime}");
        var dated = (await (await admin.GetAsync("/api/v1/customers?q=dated")).ShouldBe(HttpStatusCode.OK)).GetProperty("items")[0];
        dated.GetProperty("customFields").GetProperty("founded").GetString().ShouldBe("2026-03-01");
        var excel = (await (await admin.GetAsync("/api/v1/customers?q=excel")).ShouldBe(HttpStatusCode.OK)).GetProperty("items")[0];
        excel.GetProperty("customFields").GetProperty("founded").GetString().ShouldBe("2026-03-01");
    }
}
