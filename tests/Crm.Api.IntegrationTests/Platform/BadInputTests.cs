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
    public async Task AWrongContentTypeIs415()
    {
        using var client = await Factory.AdminClientAsync();
        await (await client.PostAsync("/api/v1/customers", new StringContent("name=x", Encoding.UTF8, "application/x-www-form-urlencoded"))).ShouldBeProblem(HttpStatusCode.UnsupportedMediaType);
        await (await client.PostAsync("/api/v1/customers", new StringContent("{\"name\":\"x\"}", Encoding.UTF8, "text/plain"))).ShouldBeProblem(HttpStatusCode.UnsupportedMediaType);
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
