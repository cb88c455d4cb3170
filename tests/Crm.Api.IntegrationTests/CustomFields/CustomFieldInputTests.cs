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
}
