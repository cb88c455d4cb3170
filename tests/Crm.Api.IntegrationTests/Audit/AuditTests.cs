using System.Net;
using System.Net.Http.Json;
using Crm.Api.IntegrationTests.Infrastructure;

namespace Crm.Api.IntegrationTests.Audit;

public sealed class AuditTests(CrmApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task RecordsActorActionAndChangedFieldsBeforeAndAfter()
    {
        using var admin = await Factory.AdminClientAsync();
        var created = await admin.PostAsJsonAsync("/api/v1/customers", new { name = "Padaria Conceição", email = "ola@padaria.pt" });
        var id = (await created.JsonBody()).GetProperty("id").GetString();
        await admin.PatchAsync($"/api/v1/customers/{id}", Http.MergePatch(new { name = "Padaria Conceição Lda" }));

        using var manager = await Factory.ClientWithRoleAsync("Manager");
        var body = await (await manager.GetAsync($"/api/v1/audit?entityType=customer&entityId={id}")).ShouldBe(HttpStatusCode.OK);
        var items = body.GetProperty("items").EnumerateArray().ToList();
        items.Count.ShouldBe(2);
        var update = items[0];
        update.GetProperty("action").GetString().ShouldBe("updated");
        update.GetProperty("actorName").GetString().ShouldBe("Administrator");
        var name = update.GetProperty("changes").GetProperty("name");
        name.GetProperty("before").GetString().ShouldBe("Padaria Conceição");
        name.GetProperty("after").GetString().ShouldBe("Padaria Conceição Lda");
        update.GetProperty("changes").TryGetProperty("email", out _).ShouldBeFalse(); // only what changed
        update.GetProperty("changes").TryGetProperty("searchText", out _).ShouldBeFalse();
        items[1].GetProperty("action").GetString().ShouldBe("created");
    }

    [Fact]
    public async Task PasswordHashesNeverReachTheAuditLog()
    {
        using var admin = await Factory.AdminClientAsync();
        await admin.PostAsJsonAsync("/api/v1/users", new { email = "x@crm.test", name = "X", password = "a long password", roles = new[] { "Sales" } });
        var text = await (await admin.GetAsync("/api/v1/audit?entityType=user")).Content.ReadAsStringAsync();
        text.ShouldContain("x@crm.test");
        text.ShouldNotContain("passwordHash", Case.Insensitive);
        text.ShouldNotContain("AQAAAA"); // ASP.NET Core hash prefix
    }

    [Fact]
    public async Task OnlyAdminsAndManagersReadIt()
    {
        using var sales = await Factory.ClientWithRoleAsync("Sales");
        await (await sales.GetAsync("/api/v1/audit")).ShouldBeProblem(HttpStatusCode.Forbidden);
        using var anonymous = Factory.CreateClient();
        await (await anonymous.GetAsync("/api/v1/audit")).ShouldBeProblem(HttpStatusCode.Unauthorized);
        using var admin = await Factory.AdminClientAsync();
        await (await admin.GetAsync("/api/v1/audit?limit=500")).ShouldBeValidationProblem("limit");
        await (await admin.GetAsync("/api/v1/audit?cursor=%%%")).ShouldBeValidationProblem("cursor");
    }

    [Fact]
    public async Task AnUnknownEntityTypeIs400AndKnownOnesFilterInAnyCase()
    {
        using var admin = await Factory.AdminClientAsync();
        var problem = await (await admin.GetAsync("/api/v1/audit?entityType=bogus")).ShouldBeValidationProblem("entityType");
        problem.GetProperty("errors").GetProperty("entityType")[0].GetString()!.ShouldContain("customer");

        await admin.PostAsJsonAsync("/api/v1/customers", new { name = "Audited" });
        await admin.PostAsJsonAsync("/api/v1/api-tokens", new { name = "Audited token", scopes = new[] { "customers:read" } });
        foreach (var (filter, type) in new[] { ("customer", "customer"), ("Customer", "customer"), ("apiToken", "apiToken"), ("APITOKEN", "apiToken") })
        {
            var items = (await (await admin.GetAsync($"/api/v1/audit?entityType={filter}")).ShouldBe(HttpStatusCode.OK)).GetProperty("items").EnumerateArray().ToList();
            items.Count.ShouldBe(1, filter);
            items[0].GetProperty("entityType").GetString().ShouldBe(type);
        }
    }

    [Fact]
    public async Task PagesNewestFirst()
    {
        using var admin = await Factory.AdminClientAsync();
        for (var i = 0; i < 5; i++)
        {
            await admin.PostAsJsonAsync("/api/v1/customers", new { name = $"C{i}" });
        }

        var page1 = await (await admin.GetAsync("/api/v1/audit?entityType=customer&limit=3")).JsonBody();
        page1.GetProperty("items").GetArrayLength().ShouldBe(3);
        var cursor = page1.GetProperty("nextCursor").GetString();
        var page2 = await (await admin.GetAsync($"/api/v1/audit?entityType=customer&limit=3&cursor={cursor}")).JsonBody();
        page2.GetProperty("items").GetArrayLength().ShouldBe(2);
        page2.GetProperty("nextCursor").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
    }
}
