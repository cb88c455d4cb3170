using System.Net;
using System.Net.Http.Json;
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
}
