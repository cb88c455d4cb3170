using System.Net;
using System.Net.Http.Json;
using Crm.Api.IntegrationTests.Infrastructure;

namespace Crm.Api.IntegrationTests.Platform;

public sealed class PlatformTests(CrmApiFactory factory) : ApiTest(factory)
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task HealthEndpointsAnswer200WithoutAToken(string url)
    {
        using var client = Factory.CreateClient();
        (await client.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task SwaggerUiAndTheLiveDocumentAreServed()
    {
        using var client = Factory.CreateClient();
        (await client.GetAsync("/swagger/index.html")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var doc = await (await client.GetAsync("/openapi/v1.json")).ShouldBe(HttpStatusCode.OK);
        doc.GetProperty("components").GetProperty("securitySchemes").TryGetProperty("bearer", out _).ShouldBeTrue();
        doc.GetProperty("paths").TryGetProperty("/api/v1/customers", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task ProblemsCarryATraceIdAndLogsCarryNoSecrets()
    {
        using var anonymous = Factory.CreateClient();
        var password = "a-very-secret-password-" + Guid.NewGuid();
        var problem = await (await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { email = CrmApiFactory.AdminEmail, password })).ShouldBeProblem(HttpStatusCode.Unauthorized);
        problem.GetProperty("traceId").GetString().ShouldNotBeNullOrEmpty();

        var tokens = await (await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { email = CrmApiFactory.AdminEmail, password = CrmApiFactory.AdminPassword })).JsonBody();
        var access = tokens.GetProperty("accessToken").GetString()!;
        var refresh = tokens.GetProperty("refreshToken").GetString()!;
        anonymous.Bearer(access);
        await anonymous.GetAsync("/api/v1/customers?q=secret");
        await anonymous.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = refresh });

        var logs = string.Join('\n', Factory.LogLines);
        logs.ShouldNotContain(password);
        logs.ShouldNotContain(CrmApiFactory.AdminPassword);
        logs.ShouldNotContain(access);
        logs.ShouldNotContain(refresh);
    }
}
