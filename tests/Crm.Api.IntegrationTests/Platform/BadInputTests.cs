using System.Net;
using System.Text;
using Crm.Api.IntegrationTests.Infrastructure;

namespace Crm.Api.IntegrationTests.Platform;

/// <summary>Bad input gets a clear 4xx problem naming the field; never a 5xx.</summary>
public sealed class BadInputTests(CrmApiFactory factory) : ApiTest(factory)
{
    [Theory]
    [InlineData("/api/v1/customers")]
    [InlineData("/api/v1/contacts")]
    [InlineData("/api/v1/users")]
    [InlineData("/api/v1/departments")]
    [InlineData("/api/v1/auth/token")]
    public async Task MalformedJsonIs400(string url)
    {
        using var client = await Factory.AdminClientAsync();
        var problem = await (await client.PostAsync(url, Http.Json("{\"name\": \"unterminated"))).ShouldBeProblem(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").EnumerateObject().ShouldNotBeEmpty();
    }

    [Theory]
    [InlineData("""{"name": 42}""", "name")]
    [InlineData("""{"name": "A", "tags": "vip"}""", "tags")]
    [InlineData("""{"name": "A", "ownerId": "not-a-guid"}""", "ownerId")]
    [InlineData("""{"name": "A", "kind": 1}""", "kind")]
    [InlineData("""{"name": "A", "address": {"city": ["x"]}}""", "address.city")]
    [InlineData("""{"name": "A", "favouriteColour": "red"}""", "favouriteColour")]
    [InlineData("""{"name": "A", "address": {"planet": "Mars"}}""", "address.planet")]
    public async Task WrongTypesAndUnknownFieldsAre400NamingTheField(string json, string field)
    {
        using var client = await Factory.AdminClientAsync();
        await (await client.PostAsync("/api/v1/customers", Http.Json(json))).ShouldBeValidationProblem(field);
    }

    [Theory]
    [InlineData("/api/v1/customers", """{"name": "\u200b"}""", "name")]
    [InlineData("/api/v1/customers", """{"name": " \u200d\ufeff\u200e "}""", "name")]
    [InlineData("/api/v1/departments", """{"name": "\u2060"}""", "name")]
    [InlineData("/api/v1/users", """{"email": "zw@example.com", "name": "\u200b\u200b", "password": "a-long-enough-password", "roles": ["Sales"]}""", "name")]
    public async Task ANameOfInvisibleCharactersOnlyIs400(string url, string json, string field)
    {
        // A zero-width space, a joiner, a BOM or a direction mark is not whitespace: such a name was stored and listed blank.
        using var client = await Factory.AdminClientAsync();
        var problem = await (await client.PostAsync(url, Http.Json(json))).ShouldBeValidationProblem(field);
        problem.GetProperty("errors").GetProperty(field)[0].GetString().ShouldBe("Type at least one letter, digit or sign; this has only invisible characters.");
    }

    [Fact]
    public async Task AContactsFirstNameOfInvisibleCharactersIs400AndANameWithOneAmongLettersIsKept()
    {
        using var client = await Factory.AdminClientAsync();
        var customer = (await (await client.PostAsync("/api/v1/customers", Http.Json("""{"name": "Zero\u200bWidth"}"""))).ShouldBe(HttpStatusCode.Created));
        customer.GetProperty("name").GetString().ShouldBe("Zero\u200bWidth");
        var id = customer.GetProperty("id").GetString();
        await (await client.PostAsync("/api/v1/contacts", Http.Json($$"""{"customerId": "{{id}}", "firstName": "\u200b"}"""))).ShouldBeValidationProblem("firstName");
        await (await client.PatchAsync($"/api/v1/customers/{id}", Http.Json("""{"name": "\u200b"}""", "application/merge-patch+json"))).ShouldBeValidationProblem("name");
    }

    [Theory]
    [InlineData("""{"name": "A", "type": "prospect,lead"}""", "type")]
    [InlineData("""{"name": "A", "type": "customer, lead"}""", "type")]
    [InlineData("""{"name": "A", "kind": "company,person"}""", "kind")]
    [InlineData("""{"name": "A", "lifecycleStage": "lead,qualified"}""", "lifecycleStage")]
    public async Task AListOfEnumValuesWhereOneGoesIs400NotTheirCombination(string json, string field)
    {
        // Read as flags, prospect | lead is supplier: the customer got a type nobody sent.
        using var client = await Factory.AdminClientAsync();
        await (await client.PostAsync("/api/v1/customers", Http.Json(json))).ShouldBeValidationProblem(field);
        var id = (await (await client.PostAsync("/api/v1/customers", Http.Json("""{"name":"B","type":"lead"}"""))).ShouldBe(HttpStatusCode.Created)).GetProperty("id").GetString();
        await (await client.PatchAsync($"/api/v1/customers/{id}", Http.Json(json, "application/merge-patch+json"))).ShouldBeValidationProblem(field);
        (await (await client.GetAsync($"/api/v1/customers/{id}")).JsonBody()).GetProperty("type").GetString().ShouldBe("lead");
    }

    [Theory]
    [InlineData("type=prospect&type=lead", "type")]
    [InlineData("type=prospect,lead", "type")]
    [InlineData("kind=company&kind=person", "kind")]
    [InlineData("lifecycleStage=lead,qualified", "lifecycleStage")]
    public async Task AFilterGivenTwoValuesIs400NotFilteredOnTheirCombination(string query, string field)
    {
        using var client = await Factory.AdminClientAsync();
        await (await client.PostAsync("/api/v1/customers", Http.Json("""{"name":"Supplier","type":"supplier"}"""))).ShouldBe(HttpStatusCode.Created);
        await (await client.GetAsync($"/api/v1/customers?{query}")).ShouldBeValidationProblem(field);
    }

    [Theory]
    [InlineData("PATCH", """{"name":"\ud800"}""", "name")]
    [InlineData("PATCH", """{"tags":["ok","\udc00"]}""", "tags[1]")]
    [InlineData("PATCH", """{"\ud800":1}""", "$")]
    [InlineData("PATCH", """{"address":{"\ud800":1}}""", "address")]
    [InlineData("PATCH", """{"customFields":{"note":"\ud83d"}}""", "customFields.note")]
    [InlineData("POST", """{"name":"A","customFields":{"note":"\ud800"}}""", "customFields.note")]
    [InlineData("BATCH", """{"matchOn":"email","items":[{"name":"A","email":"a@x.pt","\ud800":"x"}]}""", "items[0]")]
    [InlineData("BATCH", """{"matchOn":"email","items":[{"name":"A","email":"a@x.pt","customFields":{"note":"\ud800"}}]}""", "items[0].customFields.note")]
    public async Task AnUnpairedSurrogateEscapeIs400NamingTheFieldNotA500(string how, string json, string field)
    {
        // Valid JSON that System.Text.Json parses but will not read as a string: wherever a body is read as a document
        // (merge patches, batches, custom-field values) the first read of it threw InvalidOperationException.
        using var client = await Factory.AdminClientAsync();
        await (await client.PostAsync("/api/v1/custom-fields", Http.Json("""{"entity":"customers","key":"note","label":"Note","type":"text"}"""))).ShouldBe(HttpStatusCode.Created);
        var id = (await (await client.PostAsync("/api/v1/customers", Http.Json("""{"name":"Before","email":"a@x.pt"}"""))).ShouldBe(HttpStatusCode.Created)).GetProperty("id").GetString();
        var response = how switch
        {
            "PATCH" => await client.PatchAsync($"/api/v1/customers/{id}", Http.Json(json, "application/merge-patch+json")),
            "POST" => await client.PostAsync("/api/v1/customers", Http.Json(json)),
            _ => await client.PostAsync("/api/v1/customers/batch", Http.Json(json)),
        };
        await response.ShouldBeValidationProblem(field);
        var stored = await (await client.GetAsync($"/api/v1/customers/{id}")).JsonBody();
        stored.GetProperty("name").GetString().ShouldBe("Before");
        stored.GetProperty("customFields").EnumerateObject().ShouldBeEmpty();
    }

    [Fact]
    public async Task AnEmptyOrNullBodyIs400()
    {
        using var client = await Factory.AdminClientAsync();
        (await client.PostAsync("/api/v1/customers", Http.Json(string.Empty))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await client.PostAsync("/api/v1/customers", Http.Json("null"))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await client.PostAsync("/api/v1/customers", Http.Json("[]"))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task AnOversizedBodyIs413()
    {
        using var client = await Factory.AdminClientAsync();
        var huge = "{\"name\":\"" + new string('x', 2 * 1024 * 1024) + "\"}";
        await (await client.PostAsync("/api/v1/customers", new StringContent(huge, Encoding.UTF8, "application/json"))).ShouldBeProblem(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task AWrongContentTypeIs415SayingWhichTypesAreAccepted()
    {
        using var client = await Factory.AdminClientAsync();
        var form = await (await client.PostAsync("/api/v1/customers", new StringContent("name=x", Encoding.UTF8, "application/x-www-form-urlencoded"))).ShouldBeProblem(HttpStatusCode.UnsupportedMediaType);
        form.GetProperty("detail").GetString().ShouldStartWith("Send the body as application/json");
        await (await client.PostAsync("/api/v1/customers", new StringContent("{\"name\":\"x\"}", Encoding.UTF8, "text/plain"))).ShouldBeProblem(HttpStatusCode.UnsupportedMediaType);

        var id = (await (await client.PostAsync("/api/v1/customers", Http.Json("""{"name":"x"}"""))).JsonBody()).GetProperty("id").GetString();
        var patch = await (await client.PatchAsync($"/api/v1/customers/{id}", Http.Json("""{"name":"y"}""", "text/plain"))).ShouldBeProblem(HttpStatusCode.UnsupportedMediaType);
        patch.GetProperty("detail").GetString()!.ShouldContain("application/merge-patch+json or application/json");
    }

    [Fact]
    public async Task APatchMaySayApplicationJson()
    {
        using var client = await Factory.AdminClientAsync();
        var id = (await (await client.PostAsync("/api/v1/customers", Http.Json("""{"name":"Before"}"""))).JsonBody()).GetProperty("id").GetString();
        var patched = await (await client.PatchAsync($"/api/v1/customers/{id}", Http.Json("""{"name":"After"}"""))).ShouldBe(HttpStatusCode.OK);
        patched.GetProperty("name").GetString().ShouldBe("After");
        (await (await client.GetAsync($"/api/v1/customers/{id}")).JsonBody()).GetProperty("name").GetString().ShouldBe("After");

        var me = (await (await client.GetAsync("/api/v1/me")).JsonBody()).GetProperty("id").GetString();
        (await (await client.PatchAsync($"/api/v1/users/{me}", Http.Json("""{"name":"Root"}"""))).ShouldBe(HttpStatusCode.OK)).GetProperty("name").GetString().ShouldBe("Root");
        var contact = (await (await client.PostAsync("/api/v1/contacts", Http.Json($$"""{"customerId":"{{id}}","firstName":"Ana"}"""))).JsonBody()).GetProperty("id").GetString();
        (await (await client.PatchAsync($"/api/v1/contacts/{contact}", Http.Json("""{"firstName":"Inês"}"""))).ShouldBe(HttpStatusCode.OK)).GetProperty("firstName").GetString().ShouldBe("Inês");
    }

    [Fact]
    public async Task EveryPatchDocumentsBothMediaTypes()
    {
        using var client = await Factory.AdminClientAsync();
        var doc = await (await client.GetAsync("/openapi/v1.json")).ShouldBe(HttpStatusCode.OK);
        var patches = doc.GetProperty("paths").EnumerateObject()
            .Where(p => p.Value.TryGetProperty("patch", out _))
            .Select(p => (p.Name, Content: p.Value.GetProperty("patch").GetProperty("requestBody").GetProperty("content")))
            .ToList();
        patches.Count.ShouldBeGreaterThanOrEqualTo(4);
        foreach (var (path, content) in patches)
        {
            string.Join(", ", content.EnumerateObject().Select(c => c.Name).Order(StringComparer.Ordinal)).ShouldBe("application/json, application/merge-patch+json", path);
        }
    }

    [Fact]
    public async Task AMethodThatDoesNotExistIsAProblemToo()
    {
        using var client = await Factory.AdminClientAsync();
        var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Put, "/api/v1/customers"));
        ((int)response.StatusCode).ShouldBeInRange(400, 499);
    }

    [Fact]
    public async Task ANonGuidIdIsNotFound()
    {
        using var client = await Factory.AdminClientAsync();
        await (await client.GetAsync("/api/v1/customers/123")).ShouldBeProblem(HttpStatusCode.NotFound);
    }
}
