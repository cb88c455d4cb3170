using System.Net;
using System.Net.Http.Json;
using Crm.Api.IntegrationTests.Infrastructure;

namespace Crm.Api.IntegrationTests.ApiTokens;

/// <summary>
/// An API token refused is answered as a refused access token is: a problem whose detail says why (unknown, revoked,
/// expired, owner deactivated; the role or the scope that is missing), and the RFC 6750 challenge.
/// </summary>
public sealed class ApiTokenRefusalTests(CrmApiFactory factory) : ApiTest(factory)
{
    private async Task<(string Id, string Secret)> Mint(HttpClient client, params string[] scopes)
    {
        var body = await (await client.PostAsJsonAsync("/api/v1/api-tokens", new { name = "ERP sync", scopes })).ShouldBe(HttpStatusCode.Created);
        return (body.GetProperty("token").GetProperty("id").GetString()!, body.GetProperty("secret").GetString()!);
    }

    private async Task<string> RefusalAsync(string secret)
    {
        using var client = Factory.CreateClient();
        client.Bearer(secret);
        var response = await client.GetAsync("/api/v1/customers");
        var problem = await response.ShouldBeProblem(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().ShouldStartWith("Bearer error=\"invalid_token\", error_description=\"");
        return problem.GetProperty("detail").GetString()!;
    }

    [Fact]
    public async Task AnUnknownTokenIs401SayingSo() =>
        (await RefusalAsync("crm_pat_" + new string('x', 40))).ShouldStartWith("The API token is not known");

    [Fact]
    public async Task ARevokedTokenIs401SayingItWasRevoked()
    {
        using var admin = await Factory.AdminClientAsync();
        var (id, secret) = await Mint(admin, "customers:read");
        (await admin.DeleteAsync($"/api/v1/api-tokens/{id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await RefusalAsync(secret)).ShouldStartWith("The API token was revoked at ");
    }

    [Fact]
    public async Task AnExpiredTokenIs401SayingWhenItExpired()
    {
        using var admin = await Factory.AdminClientAsync();
        var (id, secret) = await Mint(admin, "customers:read");
        await Factory.ScalarAsync<int>("UPDATE api_tokens SET expires_at = TIMESTAMPTZ '2026-01-02 03:04:05+00' WHERE id = @p0 RETURNING 1", Guid.Parse(id));
        (await RefusalAsync(secret)).ShouldBe("The API token expired at 2026-01-02T03:04:05Z; create a new one.");
    }

    [Fact]
    public async Task ADeactivatedOwnersTokenIs401SayingSo()
    {
        using var admin = await Factory.AdminClientAsync();
        using var sales = await Factory.ClientWithRoleAsync("Sales");
        var (_, secret) = await Mint(sales, "customers:read");
        var salesId = (await (await sales.GetAsync("/api/v1/me")).JsonBody()).GetProperty("id").GetString();
        (await admin.PatchAsync($"/api/v1/users/{salesId}", Http.MergePatch(new { active = false }))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await RefusalAsync(secret)).ShouldBe("The owner of this API token is deactivated.");
    }

    [Fact]
    public async Task AMissingScopeIs403NamingIt()
    {
        using var admin = await Factory.AdminClientAsync();
        var (_, secret) = await Mint(admin, "customers:read");
        using var token = Factory.CreateClient();
        token.Bearer(secret);

        var response = await token.PostAsJsonAsync("/api/v1/customers", new { name = "X" });
        var problem = await response.ShouldBeProblem(HttpStatusCode.Forbidden);
        problem.GetProperty("detail").GetString().ShouldBe("This API token lacks the scope customers:write; create a token that has it.");
        response.Headers.WwwAuthenticate.ToString().ShouldStartWith("Bearer error=\"insufficient_scope\", scope=\"customers:write\"");
    }

    [Fact]
    public async Task DepartmentsAreReadWithTheTicketsReadScopeOnly()
    {
        // Departments are the queues internal tickets go to: a token that reads tickets reads them, a customers-only
        // token (an ERP sync) does not, as it read every department before whatever its scopes.
        using var admin = await Factory.AdminClientAsync();
        var department = (await (await admin.GetAsync("/api/v1/departments")).ShouldBe(HttpStatusCode.OK)).GetProperty("items")[0].GetProperty("id").GetString();
        var (_, customersOnly) = await Mint(admin, "customers:read", "customers:write", "imports:write");
        var (_, tickets) = await Mint(admin, "tickets:read");
        using var token = Factory.CreateClient();

        token.Bearer(customersOnly);
        foreach (var url in new[] { "/api/v1/departments", $"/api/v1/departments/{department}" })
        {
            var response = await token.GetAsync(url);
            var problem = await response.ShouldBeProblem(HttpStatusCode.Forbidden);
            problem.GetProperty("detail").GetString().ShouldBe("This API token lacks the scope tickets:read; create a token that has it.");
            response.Headers.WwwAuthenticate.ToString().ShouldStartWith("Bearer error=\"insufficient_scope\", scope=\"tickets:read\"");
        }

        token.Bearer(tickets);
        (await (await token.GetAsync("/api/v1/departments")).ShouldBe(HttpStatusCode.OK)).GetProperty("items").GetArrayLength().ShouldBeGreaterThan(0);
        (await token.GetAsync($"/api/v1/departments/{department}")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Signed-in people read them whatever their role, as the web app's user forms and the service desk need.
        foreach (var role in new[] { "Employee", "ReadOnly", "Sales" })
        {
            using var person = await Factory.ClientWithRoleAsync(role);
            (await person.GetAsync("/api/v1/departments")).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await person.GetAsync($"/api/v1/departments/{department}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task WhatNoTokenMayDoIs403SayingToSignIn()
    {
        using var admin = await Factory.AdminClientAsync();
        var (_, secret) = await Mint(admin, "customers:read", "customers:write");
        using var token = Factory.CreateClient();
        token.Bearer(secret);
        foreach (var response in new[] { await token.GetAsync("/api/v1/users"), await token.GetAsync("/api/v1/api-tokens") })
        {
            (await response.ShouldBeProblem(HttpStatusCode.Forbidden)).GetProperty("detail").GetString()!.ShouldStartWith("API tokens cannot do this");
        }
    }

    [Fact]
    public async Task AMissingRoleIs403NamingTheRolesThatMay()
    {
        using var sales = await Factory.ClientWithRoleAsync("Sales");
        var problem = await (await sales.GetAsync("/api/v1/users")).ShouldBeProblem(HttpStatusCode.Forbidden);
        problem.GetProperty("detail").GetString().ShouldBe("You have no role that may do this (it takes Admin).");

        // A token acts with its owner's roles as they are now: demoted, the owner's write token may write no more.
        using var admin = await Factory.AdminClientAsync();
        using var writer = await Factory.ClientWithRoleAsync("Sales");
        var (_, secret) = await Mint(writer, "customers:read", "customers:write");
        var writerId = (await (await writer.GetAsync("/api/v1/me")).JsonBody()).GetProperty("id").GetString();
        (await admin.PatchAsync($"/api/v1/users/{writerId}", Http.MergePatch(new { roles = new[] { "ReadOnly" } }))).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var token = Factory.CreateClient();
        token.Bearer(secret);
        var refused = await (await token.PostAsJsonAsync("/api/v1/customers", new { name = "X" })).ShouldBeProblem(HttpStatusCode.Forbidden);
        refused.GetProperty("detail").GetString()!.ShouldStartWith("The owner of this API token has no role that may do this (it takes Admin or ");
    }
}
