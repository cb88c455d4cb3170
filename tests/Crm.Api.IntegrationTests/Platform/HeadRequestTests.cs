using System.Net;
using Crm.Api.IntegrationTests.Infrastructure;

namespace Crm.Api.IntegrationTests.Platform;

/// <summary>HEAD is answered as GET without a body: the same status and headers. It was a 404 on every GET endpoint.</summary>
public sealed class HeadRequestTests(CrmApiFactory factory) : ApiTest(factory)
{
    private static async Task<HttpResponseMessage> Send(HttpClient client, HttpMethod method, string url, string? ifNoneMatch = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (ifNoneMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        }

        return await client.SendAsync(request);
    }

    /// <summary>HEAD answers as GET does, with no body; returns the HEAD answer.</summary>
    private static async Task<HttpResponseMessage> ShouldAnswerAsGet(HttpClient client, string url, string? ifNoneMatch = null)
    {
        var get = await Send(client, HttpMethod.Get, url, ifNoneMatch);
        var head = await Send(client, HttpMethod.Head, url, ifNoneMatch);
        head.StatusCode.ShouldBe(get.StatusCode, url);
        head.Content.Headers.ContentType?.ToString().ShouldBe(get.Content.Headers.ContentType?.ToString(), url);
        head.Headers.ETag?.ToString().ShouldBe(get.Headers.ETag?.ToString(), url);
        head.Headers.WwwAuthenticate.ToString().ShouldBe(get.Headers.WwwAuthenticate.ToString(), url);
        (await head.Content.ReadAsByteArrayAsync()).ShouldBeEmpty(url);
        return head;
    }

    [Fact]
    public async Task HeadOnASingleResourceAnswersAsGetWithItsETagAndNoBody()
    {
        using var admin = await Factory.AdminClientAsync();
        var created = await admin.PostAsync("/api/v1/customers", Http.Json("""{"name": "A"}"""));
        var url = $"/api/v1/customers/{(await created.JsonBody()).GetProperty("id").GetString()}";

        var head = await ShouldAnswerAsGet(admin, url);
        head.StatusCode.ShouldBe(HttpStatusCode.OK);
        head.ETag().ShouldBe(created.ETag());
        head.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        (await ShouldAnswerAsGet(admin, url, created.ETag())).StatusCode.ShouldBe(HttpStatusCode.NotModified);
    }

    [Theory]
    [InlineData("/api/v1/customers")]
    [InlineData("/api/v1/customers?limit=0")]
    [InlineData("/api/v1/departments")]
    [InlineData("/api/v1/me")]
    [InlineData("/api/v1/users/directory")]
    [InlineData("/api/v1/customers/0193a1b2-0000-7000-8000-000000000001")]
    [InlineData("/api/v1/no-such-thing")]
    [InlineData("/api/v1/auth/token")]
    [InlineData("/health/live")]
    [InlineData("/openapi/v1.json")]
    public async Task HeadAnswersAsGetEverywhere(string url)
    {
        using var admin = await Factory.AdminClientAsync();
        await ShouldAnswerAsGet(admin, url);
    }

    [Fact]
    public async Task HeadWithoutATokenIsTheSame401()
    {
        using var anonymous = Factory.CreateClient();
        var head = await ShouldAnswerAsGet(anonymous, "/api/v1/customers");
        head.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        head.Headers.WwwAuthenticate.ToString().ShouldBe("Bearer");
    }

    [Fact]
    public async Task TheRequestLogSaysHead()
    {
        using var admin = await Factory.AdminClientAsync();
        (await Send(admin, HttpMethod.Head, "/api/v1/departments")).StatusCode.ShouldBe(HttpStatusCode.OK);
        Factory.LogLines.ShouldContain(l => l.Contains("HEAD /api/v1/departments 200", StringComparison.Ordinal));
    }
}
