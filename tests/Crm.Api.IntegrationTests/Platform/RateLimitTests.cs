using System.Net;
using System.Net.Http.Json;
using Crm.Api.IntegrationTests.Infrastructure;

namespace Crm.Api.IntegrationTests.Platform;

public sealed class RateLimitTests(CrmApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task EachUserHasTheirOwnAllowanceAndA429SaysWhenToRetry()
    {
        // A host on the same database with a tiny allowance (5 a minute, 1 token back every second at most).
        await using var limited = Factory.WithWebHostBuilder(b => b.UseSetting("RateLimiting:PermitsPerMinute", "5"));
        using var anonymous = limited.CreateClient();
        var token = (await (await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { email = CrmApiFactory.AdminEmail, password = CrmApiFactory.AdminPassword })).JsonBody())
            .GetProperty("accessToken").GetString()!;
        using var admin = limited.CreateClient();
        admin.Bearer(token);

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? rejected = null;
        for (var i = 0; i < 8 && rejected is null; i++)
        {
            var response = await admin.GetAsync("/api/v1/customers");
            statuses.Add(response.StatusCode);
            response.Headers.GetValues("RateLimit-Policy").Single().ShouldBe("5;w=60");
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                rejected = response;
            }
        }

        rejected.ShouldNotBeNull($"statuses: {string.Join(",", statuses)}");
        var problem = await rejected.ShouldBeProblem(HttpStatusCode.TooManyRequests);
        problem.GetProperty("type").GetString().ShouldBe("https://www.rfc-editor.org/rfc/rfc6585#section-4");
        rejected.Headers.RetryAfter.ShouldNotBeNull();

        // Health probes are never limited.
        (await admin.GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ProblemAnswersKeepTheRateLimitPolicy()
    {
        // A 404 for an unknown customer is written by the exception handler, which clears the headers set before it.
        using var admin = await Factory.AdminClientAsync();
        var missing = await admin.GetAsync($"/api/v1/customers/{Guid.NewGuid()}");
        await missing.ShouldBeProblem(HttpStatusCode.NotFound);
        missing.Headers.GetValues("RateLimit-Policy").Single().ShouldEndWith(";w=60");

        // A 400 from the validators, too.
        var invalid = await admin.PostAsJsonAsync("/api/v1/customers", new { name = "" });
        await invalid.ShouldBeProblem(HttpStatusCode.BadRequest);
        invalid.Headers.GetValues("RateLimit-Policy").Single().ShouldEndWith(";w=60");
    }

    [Fact]
    public async Task RefreshingIsNotHeldToTheSignInLimitSoPageLoadsDoNotSignPeopleOut()
    {
        // The web app refreshes its access token on every page load; at 2 sign-ins a minute, 10 refreshes must still pass.
        await using var limited = Factory.WithWebHostBuilder(b => b.UseSetting("RateLimiting:SignInPermitsPerMinute", "2"));
        using var client = limited.CreateClient();
        var refresh = (await (await client.PostAsJsonAsync("/api/v1/auth/token", new { email = CrmApiFactory.AdminEmail, password = CrmApiFactory.AdminPassword }))
            .ShouldBe(HttpStatusCode.OK)).GetProperty("refreshToken").GetString();
        for (var i = 0; i < 10; i++)
        {
            refresh = (await (await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = refresh })).ShouldBe(HttpStatusCode.OK))
                .GetProperty("refreshToken").GetString();
        }

        // Password sign-in keeps its own limit.
        (await client.PostAsJsonAsync("/api/v1/auth/token", new { email = CrmApiFactory.AdminEmail, password = CrmApiFactory.AdminPassword })).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await client.PostAsJsonAsync("/api/v1/auth/token", new { email = CrmApiFactory.AdminEmail, password = CrmApiFactory.AdminPassword }))
            .ShouldBeProblem(HttpStatusCode.TooManyRequests);
    }
}
