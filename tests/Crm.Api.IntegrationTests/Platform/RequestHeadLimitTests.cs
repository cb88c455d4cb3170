using System.Net;
using Crm.Api.IntegrationTests.Infrastructure;
using Crm.Web.Infrastructure;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Crm.Api.IntegrationTests.Platform;

/// <summary>
/// A request line or headers over the limits are a 414 or 431 problem+json, as every other refusal is: Kestrel's own
/// answers to them have no body and cannot be given one, so the API checks the limits Kestrel always had below
/// Kestrel's, which are set higher.
/// </summary>
public sealed class RequestHeadLimitTests(CrmApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task ARequestLineOverTheLimitIs414ProblemSayingTheLimit()
    {
        using var client = await Factory.AdminClientAsync();
        var url = "/api/v1/customers?q=" + new string('a', 8200);

        var response = await client.GetAsync(url);

        var problem = await response.ShouldBeProblem(HttpStatusCode.RequestUriTooLong);
        problem.GetProperty("title").GetString().ShouldBe("The address is too long.");
        problem.GetProperty("detail").GetString().ShouldBe($"The request line (method, address and query string) is limited to 8192 bytes; this one has {"GET ".Length + url.Length + " HTTP/1.1\r\n".Length}.");
        problem.GetProperty("type").GetString().ShouldBe("https://www.rfc-editor.org/rfc/rfc9110#section-15.5.15");
    }

    [Fact]
    public async Task ARequestLineAtTheLimitIsServed()
    {
        using var client = await Factory.AdminClientAsync();
        var prefix = "/api/v1/customers?q=";
        var url = prefix + new string('a', 8192 - "GET ".Length - prefix.Length - " HTTP/1.1\r\n".Length);

        await (await client.GetAsync(url)).ShouldBeValidationProblem("q"); // the list's own answer: a search of 8,000 letters is too long
        (await client.GetAsync(url + "a")).StatusCode.ShouldBe(HttpStatusCode.RequestUriTooLong);
    }

    [Fact]
    public async Task HeadersOverTheLimitAre431ProblemNamingTheLargestInTheRequestsLanguage()
    {
        using var client = await Factory.AdminClientAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/customers");
        request.Headers.TryAddWithoutValidation("X-Padding", new string('p', 33_000));
        request.Headers.TryAddWithoutValidation("Accept-Language", "pl");

        var response = await client.SendAsync(request);

        var problem = await response.ShouldBeProblem(HttpStatusCode.RequestHeaderFieldsTooLarge);
        problem.GetProperty("title").GetString().ShouldBe("Nagłówki żądania są za duże.");
        problem.GetProperty("detail").GetString()!.ShouldStartWith("Nagłówki mogą mieć łącznie najwyżej 32768 bajtów; te mają ");
        problem.GetProperty("detail").GetString()!.ShouldEndWith(", a największy z nich to X-Padding (33012 bajtów).");
        problem.GetProperty("type").GetString().ShouldBe("https://www.rfc-editor.org/rfc/rfc6585#section-5");
    }

    [Fact]
    public async Task TooManyHeadersAre431Problem()
    {
        using var client = await Factory.AdminClientAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/customers");
        for (var i = 0; i < 100; i++)
        {
            request.Headers.TryAddWithoutValidation($"X-Field-{i}", "1");
        }

        var problem = await (await client.SendAsync(request)).ShouldBeProblem(HttpStatusCode.RequestHeaderFieldsTooLarge);
        problem.GetProperty("detail").GetString()!.ShouldStartWith("A request may carry at most 100 header fields; this one has 10");
    }

    [Fact]
    public async Task AHeadRequestGetsTheStatusWithoutABody()
    {
        using var client = await Factory.AdminClientAsync();

        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/api/v1/customers?q=" + new string('a', 8200)));

        response.StatusCode.ShouldBe(HttpStatusCode.RequestUriTooLong);
        (await response.Content.ReadAsByteArrayAsync()).ShouldBeEmpty();
    }

    [Fact]
    public void KestrelsOwnLimitsLieAboveTheApis()
    {
        // Kestrel answers past its limits itself, with no body; the API's must be reached first.
        var limits = Factory.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits;

        limits.MaxRequestLineSize.ShouldBeGreaterThan(RequestHeadLimitMiddleware.MaxRequestLineBytes);
        limits.MaxRequestHeadersTotalSize.ShouldBeGreaterThan(RequestHeadLimitMiddleware.MaxHeadersBytes);
        limits.MaxRequestHeaderCount.ShouldBeGreaterThan(RequestHeadLimitMiddleware.MaxHeaderCount);
    }
}
