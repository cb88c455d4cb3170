using System.Net.Http.Json;
using Crm.Api.IntegrationTests.Infrastructure;

namespace Crm.Api.IntegrationTests.Platform;

/// <summary>A 400 names each field by the JSON path the client sent, in its keys and in its messages.</summary>
public sealed class FieldNamingTests(CrmApiFactory factory) : ApiTest(factory)
{
    [Theory]
    [InlineData("/api/v1/customers/batch", """{"name":"A","email":"a@x.pt"}""")]
    [InlineData("/api/v1/contacts/batch", """{"customerId":"01900000-0000-7000-8000-000000000001","firstName":"A","email":"a@x.pt"}""")]
    public async Task ANullBatchItemIsNamedByItsIndex(string url, string item)
    {
        using var admin = await Factory.AdminClientAsync();

        var problem = await (await admin.PostAsync(url, Http.Json($$"""{"matchOn":"email","items":[{{item}},null]}""")))
            .ShouldBeValidationProblem("items[1]");

        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["items[1]"]);
    }

    [Fact]
    public async Task MessagesNameTheFieldAsSentNotInCSharpCasing()
    {
        using var admin = await Factory.AdminClientAsync();

        var department = await (await admin.PostAsJsonAsync("/api/v1/departments", new { name = new string('d', 101) })).ShouldBeValidationProblem("name");
        var contact = await (await admin.PostAsJsonAsync("/api/v1/contacts", new { customerId = Guid.NewGuid(), firstName = "Ana", lastName = new string('s', 101) }))
            .ShouldBeValidationProblem("lastName");

        var messages = department.GetProperty("errors").GetProperty("name")[0].GetString()!;
        messages.ShouldContain("'name'");
        messages.Contains("'Name'", StringComparison.Ordinal).ShouldBeFalse(messages);
        var lastName = contact.GetProperty("errors").GetProperty("lastName")[0].GetString()!;
        lastName.ShouldContain("'lastName'");
        lastName.Contains("Last Name", StringComparison.Ordinal).ShouldBeFalse(lastName);
    }
}
