using System.Net;
using Crm.Api.IntegrationTests.Infrastructure;

namespace Crm.Api.IntegrationTests.Platform;

/// <summary>
/// A JSON member given twice is a 400 naming it, on every kind of body: typed, merge patch, batch, JSON import. It was
/// read as the last one (or, in a patch, a 500), where another reader of the same body could take the first.
/// </summary>
public sealed class DuplicateMemberTests(CrmApiFactory factory) : ApiTest(factory)
{
    private const string Message = "This field is given more than once; give it once.";

    [Theory]
    [InlineData("""{"name": "A", "name": "B"}""", "name")]
    [InlineData("""{"name": "A", "Name": "B"}""", "name")] // error keys are camel-cased, as every field name on the wire
    [InlineData("""{"name": "A", "address": {"city": "Porto", "city": "Braga"}}""", "address.city")]
    [InlineData("""{"name": "A", "customFields": {"tier": "gold", "tier": "silver"}}""", "customFields.tier")]
    public async Task ATypedBodyWithAMemberTwiceIs400NamingIt(string json, string field)
    {
        using var admin = await Factory.AdminClientAsync();
        var problem = await (await admin.PostAsync("/api/v1/customers", Http.Json(json))).ShouldBeValidationProblem(field);
        problem.GetProperty("errors").GetProperty(field)[0].GetString().ShouldBe(Message);
        (await Factory.ScalarAsync<long>("SELECT count(*) FROM customers")).ShouldBe(0);
    }

    [Fact]
    public async Task SignInWithTheEmailTwiceIs400()
    {
        using var anonymous = Factory.CreateClient();
        var body = $$"""{"email": "someone@crm.test", "email": "{{CrmApiFactory.AdminEmail}}", "password": "{{CrmApiFactory.AdminPassword}}"}""";
        await (await anonymous.PostAsync("/api/v1/auth/token", Http.Json(body))).ShouldBeValidationProblem("email");
    }

    [Theory]
    [InlineData("""{"name": "B", "name": "C"}""", "name")]
    [InlineData("""{"name": "B", "Name": "C"}""", "name")]
    [InlineData("""{"address": {"city": "Porto", "city": "Braga"}}""", "address.city")]
    [InlineData("""{"tags": [{"x": 1, "x": 2}]}""", "tags[0].x")]
    public async Task AMergePatchWithAMemberTwiceIs400NamingItAndChangesNothing(string json, string field)
    {
        using var admin = await Factory.AdminClientAsync();
        var created = await admin.PostAsync("/api/v1/customers", Http.Json("""{"name": "A"}"""));
        var id = (await created.ShouldBe(HttpStatusCode.Created)).GetProperty("id").GetString();

        var problem = await (await admin.PatchAsync($"/api/v1/customers/{id}", Http.Json(json, "application/merge-patch+json"))).ShouldBeValidationProblem(field);
        problem.GetProperty("errors").GetProperty(field)[0].GetString().ShouldBe(Message);
        (await (await admin.GetAsync($"/api/v1/customers/{id}")).JsonBody()).GetProperty("name").GetString().ShouldBe("A");
    }

    [Fact]
    public async Task AMergePatchMayStillNameAFieldInAnotherCase()
    {
        using var admin = await Factory.AdminClientAsync();
        var id = (await (await admin.PostAsync("/api/v1/customers", Http.Json("""{"name": "A"}"""))).JsonBody()).GetProperty("id").GetString();
        var patched = await (await admin.PatchAsync($"/api/v1/customers/{id}", Http.Json("""{"Name": "B"}""", "application/merge-patch+json"))).ShouldBe(HttpStatusCode.OK);
        patched.GetProperty("name").GetString().ShouldBe("B");
    }

    [Fact]
    public async Task PatchingAUserOrAContactWithAMemberTwiceIs400()
    {
        using var admin = await Factory.AdminClientAsync();
        var me = (await (await admin.GetAsync("/api/v1/me")).JsonBody()).GetProperty("id").GetString();
        await (await admin.PatchAsync($"/api/v1/users/{me}", Http.Json("""{"active": true, "active": false}""", "application/merge-patch+json"))).ShouldBeValidationProblem("active");
        (await (await admin.GetAsync($"/api/v1/users/{me}")).JsonBody()).GetProperty("active").GetBoolean().ShouldBeTrue();

        var customer = (await (await admin.PostAsync("/api/v1/customers", Http.Json("""{"name": "A"}"""))).JsonBody()).GetProperty("id").GetString();
        await (await admin.PostAsync("/api/v1/contacts", Http.Json($$"""{"customerId": "{{customer}}", "firstName": "Ana", "firstName": "Inês"}""")))
            .ShouldBeValidationProblem("firstName");
        var id = (await (await admin.PostAsync("/api/v1/contacts", Http.Json($$"""{"customerId": "{{customer}}", "firstName": "Ana"}"""))).JsonBody()).GetProperty("id").GetString();
        await (await admin.PatchAsync($"/api/v1/contacts/{id}", Http.Json("""{"firstName": "B", "firstName": "C"}"""))).ShouldBeValidationProblem("firstName");
    }

    [Theory]
    [InlineData("""{"matchOn": "email", "items": [{"name": "A", "email": "a@x.pt"}, {"name": "B", "email": "b@x.pt", "email": "c@x.pt"}]}""", "items[1].email")]
    [InlineData("""{"matchOn": "email", "items": [{"name": "A", "email": "a@x.pt", "Email": "c@x.pt"}]}""", "items[0].Email")]
    [InlineData("""{"matchOn": "email", "matchOn": "externalId", "items": []}""", "matchOn")]
    [InlineData("""{"matchOn": "email", "items": [], "Items": [{"name": "A", "email": "a@x.pt"}]}""", "items")]
    public async Task ABatchWithAMemberTwiceIs400NamingItAndWritesNothing(string json, string field)
    {
        using var admin = await Factory.AdminClientAsync();
        var problem = await (await admin.PostAsync("/api/v1/customers/batch", Http.Json(json))).ShouldBeValidationProblem(field);
        problem.GetProperty("errors").GetProperty(field)[0].GetString().ShouldBe(Message);
        (await Factory.ScalarAsync<long>("SELECT count(*) FROM customers")).ShouldBe(0);
    }

    [Fact]
    public async Task AContactBatchWithAMemberTwiceIs400()
    {
        using var admin = await Factory.AdminClientAsync();
        await (await admin.PostAsync("/api/v1/contacts/batch", Http.Json("""{"matchOn": "email", "items": [{"firstName": "A", "firstName": "B"}]}""")))
            .ShouldBeValidationProblem("items[0].firstName");
    }

    [Theory]
    [InlineData("""[{"name": "A", "email": "a@x.pt"}, {"name": "B", "email": "b@x.pt", "email": "c@x.pt"}]""", "Item 2 gives the field 'email' more than once")]
    [InlineData("""[{"name": "A", "address": {"city": "Porto"}, "address.city": "Braga"}]""", "Item 1 gives the field 'address.city' more than once")]
    public async Task AJsonImportWithAFieldTwiceIsRefusedNamingTheItem(string json, string message)
    {
        using var admin = await Factory.AdminClientAsync();
        var problem = await (await admin.PostAsync("/api/v1/imports?entity=customers", Http.Json(json))).ShouldBeValidationProblem("file");
        problem.GetProperty("errors").GetProperty("file")[0].GetString()!.ShouldStartWith(message);
        (await Factory.ScalarAsync<long>("SELECT count(*) FROM customers")).ShouldBe(0);
    }
}
