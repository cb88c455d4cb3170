using System.Net;
using System.Net.Http.Json;
using Crm.Api.IntegrationTests.Infrastructure;

namespace Crm.Api.IntegrationTests.Users;

public sealed class UserTests(CrmApiFactory factory) : ApiTest(factory)
{
    private static object NewUser(string email = "ana.silva@example.pt", string password = "correct horse battery", string[]? roles = null) =>
        new { email, name = "Ana Silva", password, roles = roles ?? ["Sales"] };

    [Fact]
    public async Task AdminCreatesAUserWhoCanSignIn()
    {
        using var admin = await Factory.AdminClientAsync();
        var response = await admin.PostAsJsonAsync("/api/v1/users", NewUser());
        var user = await response.ShouldBe(HttpStatusCode.Created);
        user.GetProperty("active").GetBoolean().ShouldBeTrue();
        user.TryGetProperty("passwordHash", out _).ShouldBeFalse();

        using var sales = await Factory.ClientAsync("ana.silva@example.pt", "correct horse battery");
        (await sales.GetAsync("/api/v1/customers")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("short", "password")]
    [InlineData("", "password")]
    public async Task CreateReturns400NamingTheField(string password, string field)
    {
        using var admin = await Factory.AdminClientAsync();
        await (await admin.PostAsJsonAsync("/api/v1/users", NewUser(password: password))).ShouldBeValidationProblem(field);
        await (await admin.PostAsJsonAsync("/api/v1/users", NewUser(email: "nope"))).ShouldBeValidationProblem("email");
        await (await admin.PostAsJsonAsync("/api/v1/users", NewUser(roles: ["Wizard"]))).ShouldBeValidationProblem("roles");
        await (await admin.PostAsJsonAsync("/api/v1/users", new { email = "x@y.pt", name = "X", password = "long enough pass", roles = new[] { "Sales" }, departmentId = Guid.CreateVersion7() }))
            .ShouldBeValidationProblem("departmentId");
    }

    [Theory]
    [InlineData("""{"email":"ana@example.pt","name":"Ana","password":"correct horse battery","roles":null}""", "roles")]
    [InlineData("""{"email":"ana@example.pt","name":"Ana","password":"correct horse battery"}""", "roles")]
    [InlineData("""{"email":null,"name":"Ana","password":"correct horse battery","roles":["Sales"]}""", "email")]
    [InlineData("""{"email":"  ","name":"Ana","password":"correct horse battery","roles":["Sales"]}""", "email")]
    public async Task CreateWithoutRolesOrEmailIs400NotA500(string json, string field)
    {
        using var admin = await Factory.AdminClientAsync();
        await (await admin.PostAsync("/api/v1/users", Http.Json(json))).ShouldBeValidationProblem(field);
        (await (await admin.GetAsync("/api/v1/users")).JsonBody()).GetProperty("items").EnumerateArray()
            .ShouldNotContain(u => u.GetProperty("email").GetString() == "ana@example.pt");
    }

    [Fact]
    public async Task PatchingRolesToNullIs400AndKeepsTheRoles()
    {
        using var admin = await Factory.AdminClientAsync();
        var id = (await (await admin.PostAsJsonAsync("/api/v1/users", NewUser())).JsonBody()).GetProperty("id").GetString();
        await (await admin.PatchAsync($"/api/v1/users/{id}", Http.Json("""{"roles":null}""", "application/merge-patch+json"))).ShouldBeValidationProblem("roles");
        var user = await (await admin.GetAsync($"/api/v1/users/{id}")).ShouldBe(HttpStatusCode.OK);
        user.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ShouldBe(["Sales"]);
    }

    [Fact]
    public async Task PatchingActiveToNullIs400NotAReactivation()
    {
        using var admin = await Factory.AdminClientAsync();
        var id = (await (await admin.PostAsJsonAsync("/api/v1/users", NewUser())).JsonBody()).GetProperty("id").GetString();
        (await admin.PatchAsync($"/api/v1/users/{id}", Http.MergePatch(new { active = false }))).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await admin.PatchAsync($"/api/v1/users/{id}", Http.Json("""{"active":null}""", "application/merge-patch+json"))).ShouldBeValidationProblem("active");
        (await (await admin.GetAsync($"/api/v1/users/{id}")).JsonBody()).GetProperty("active").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task OnlyAdminsManageUsers()
    {
        using var anonymous = Factory.CreateClient();
        await (await anonymous.GetAsync("/api/v1/users")).ShouldBeProblem(HttpStatusCode.Unauthorized);
        using var manager = await Factory.ClientWithRoleAsync("Manager");
        await (await manager.GetAsync("/api/v1/users")).ShouldBeProblem(HttpStatusCode.Forbidden);
        await (await manager.PostAsJsonAsync("/api/v1/users", NewUser())).ShouldBeProblem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Returns404And409()
    {
        using var admin = await Factory.AdminClientAsync();
        await (await admin.GetAsync($"/api/v1/users/{Guid.CreateVersion7()}")).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await admin.PatchAsync($"/api/v1/users/{Guid.CreateVersion7()}", Http.MergePatch(new { active = false }))).ShouldBeProblem(HttpStatusCode.NotFound);
        var first = await (await admin.PostAsJsonAsync("/api/v1/users", NewUser())).ShouldBe(HttpStatusCode.Created);
        var conflict = await (await admin.PostAsJsonAsync("/api/v1/users", NewUser(email: "ANA.SILVA@example.pt"))).ShouldBeProblem(HttpStatusCode.Conflict);
        conflict.GetProperty("existingId").GetString().ShouldBe(first.GetProperty("id").GetString());
    }

    [Fact]
    public async Task DeactivationStopsSignInAndRevokesRefreshTokens()
    {
        using var admin = await Factory.AdminClientAsync();
        var id = (await (await admin.PostAsJsonAsync("/api/v1/users", NewUser())).JsonBody()).GetProperty("id").GetString();
        using var anonymous = Factory.CreateClient();
        var tokens = await (await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { email = "ana.silva@example.pt", password = "correct horse battery" })).JsonBody();

        var patched = await (await admin.PatchAsync($"/api/v1/users/{id}", Http.MergePatch(new { active = false }))).ShouldBe(HttpStatusCode.OK);
        patched.GetProperty("active").GetBoolean().ShouldBeFalse();

        await (await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { email = "ana.silva@example.pt", password = "correct horse battery" })).ShouldBeProblem(HttpStatusCode.Unauthorized);
        await (await anonymous.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = tokens.GetProperty("refreshToken").GetString() })).ShouldBeProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task RolesChangeAndStaleIfMatchIs412()
    {
        using var admin = await Factory.AdminClientAsync();
        var created = await admin.PostAsJsonAsync("/api/v1/users", NewUser());
        var id = (await created.JsonBody()).GetProperty("id").GetString();

        var changed = await admin.SendWith(HttpMethod.Patch, $"/api/v1/users/{id}", Http.MergePatch(new { roles = new[] { "Support", "Manager" } }), ifMatch: created.ETag());
        (await changed.ShouldBe(HttpStatusCode.OK)).GetProperty("roles").GetArrayLength().ShouldBe(2);
        await (await admin.SendWith(HttpMethod.Patch, $"/api/v1/users/{id}", Http.MergePatch(new { name = "B" }), ifMatch: created.ETag())).ShouldBeProblem(HttpStatusCode.PreconditionFailed);
        await (await admin.PatchAsync($"/api/v1/users/{id}", Http.MergePatch(new { roles = Array.Empty<string>() }))).ShouldBeValidationProblem("roles");
    }

    [Fact]
    public async Task AnAdminCannotLockThemselvesOut()
    {
        using var admin = await Factory.AdminClientAsync();
        var me = await (await admin.GetAsync("/api/v1/me")).JsonBody();
        await (await admin.PatchAsync($"/api/v1/users/{me.GetProperty("id").GetString()}", Http.MergePatch(new { active = false }))).ShouldBeProblem(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task CreateUserIsIdempotent()
    {
        using var admin = await Factory.AdminClientAsync();
        var first = await admin.SendWith(HttpMethod.Post, "/api/v1/users", JsonContent.Create(NewUser()), idempotencyKey: "u-1");
        var second = await admin.SendWith(HttpMethod.Post, "/api/v1/users", JsonContent.Create(NewUser()), idempotencyKey: "u-1");
        second.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await second.Content.ReadAsStringAsync()).ShouldBe(await first.Content.ReadAsStringAsync());
    }
}

public sealed class DepartmentTests(CrmApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task TheInternalServiceDepartmentsAreSeeded()
    {
        using var employee = await Factory.ClientWithRoleAsync("Employee");
        // The list is paged and other tests add departments: read every page.
        var names = new List<string?>();
        string? cursor = null;
        do
        {
            var body = await (await employee.GetAsync("/api/v1/departments?limit=200" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)))).ShouldBe(HttpStatusCode.OK);
            names.AddRange(body.GetProperty("items").EnumerateArray().Select(d => d.GetProperty("name").GetString()));
            cursor = body.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        foreach (var name in new[] { "HR", "Finance", "Facilities", "IT", "Supply chain", "Sales", "Support", "Marketing" })
        {
            names.ShouldContain(name);
        }
    }

    [Fact]
    public async Task AdminAddsADepartmentOthersCannot()
    {
        var name = "Legal " + Guid.NewGuid().ToString("N")[..6];
        using var admin = await Factory.AdminClientAsync();
        var created = await (await admin.PostAsJsonAsync("/api/v1/departments", new { name })).ShouldBe(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetString();
        (await admin.GetAsync($"/api/v1/departments/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var conflict = await (await admin.PostAsJsonAsync("/api/v1/departments", new { name = name.ToUpperInvariant() })).ShouldBeProblem(HttpStatusCode.Conflict);
        conflict.GetProperty("existingId").GetString().ShouldBe(id);
        await (await admin.PostAsJsonAsync("/api/v1/departments", new { name = "" })).ShouldBeValidationProblem("name");
        await (await admin.GetAsync($"/api/v1/departments/{Guid.CreateVersion7()}")).ShouldBeProblem(HttpStatusCode.NotFound);

        using var sales = await Factory.ClientWithRoleAsync("Sales");
        await (await sales.PostAsJsonAsync("/api/v1/departments", new { name = "Nope" })).ShouldBeProblem(HttpStatusCode.Forbidden);
        using var anonymous = Factory.CreateClient();
        await (await anonymous.GetAsync("/api/v1/departments")).ShouldBeProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task CreateDepartmentIsIdempotent()
    {
        using var admin = await Factory.AdminClientAsync();
        var body = new { name = "Procurement " + Guid.NewGuid().ToString("N")[..6] };
        var first = await admin.SendWith(HttpMethod.Post, "/api/v1/departments", JsonContent.Create(body), idempotencyKey: "d-1");
        var second = await admin.SendWith(HttpMethod.Post, "/api/v1/departments", JsonContent.Create(body), idempotencyKey: "d-1");
        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        second.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await second.Content.ReadAsStringAsync()).ShouldBe(await first.Content.ReadAsStringAsync());
    }
}
