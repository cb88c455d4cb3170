using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Crm.Api.IntegrationTests.Infrastructure;

namespace Crm.Api.IntegrationTests.Users;

public sealed class UserDirectoryTests(CrmApiFactory factory) : ApiTest(factory)
{
    // Code point order would put the accented and lower-case names after Z; reading order puts them among the others.
    private static readonly string[] Names = ["Łukasz Nowak", "Zoë Papadopoulou", "ágata Reis", "Mário Silva", "Bruno Costa", "Άννα Γεωργίου", "adam Kowalski", "Loja 10", "Loja 9"];

    private async Task<List<string>> CreateUsersAsync(HttpClient admin)
    {
        var ids = new List<string>();
        for (var i = 0; i < Names.Length; i++)
        {
            var user = await (await admin.PostAsJsonAsync("/api/v1/users", new { email = $"user{i}@example.pt", name = Names[i], password = "correct horse battery", roles = new[] { "Sales" } }))
                .ShouldBe(HttpStatusCode.Created);
            ids.Add(user.GetProperty("id").GetString()!);
        }

        return ids;
    }

    private static async Task<List<JsonElement>> ReadAllAsync(HttpClient client, string query = "limit=200")
    {
        var entries = new List<JsonElement>();
        string? cursor = null;
        do
        {
            var url = $"/api/v1/users/directory?{query}" + (cursor is null ? string.Empty : $"&cursor={Uri.EscapeDataString(cursor)}");
            var page = await (await client.GetAsync(url)).ShouldBe(HttpStatusCode.OK);
            entries.AddRange(page.GetProperty("items").EnumerateArray());
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);
        return entries;
    }

    [Fact]
    public async Task ASalesUserReadsEveryUserByNameInReadingOrder()
    {
        using var admin = await Factory.AdminClientAsync();
        await CreateUsersAsync(admin);
        using var sales = await Factory.ClientWithRoleAsync("Sales");

        var names = (await ReadAllAsync(sales)).Select(e => e.GetProperty("name").GetString()!).ToList();

        names.ShouldBe(names.InNameOrder());
        foreach (var name in Names)
        {
            names.ShouldContain(name);
        }

        names.IndexOf("ágata Reis").ShouldBeLessThan(names.IndexOf("Bruno Costa"));
        names.IndexOf("Łukasz Nowak").ShouldBeLessThan(names.IndexOf("Mário Silva"));
        names.IndexOf("Loja 9").ShouldBeLessThan(names.IndexOf("Loja 10"));
        names[^1].ShouldBe("Άννα Γεωργίου");
    }

    [Fact]
    public async Task PagesFollowTheSameOrderWithoutGapsOrRepeats()
    {
        using var admin = await Factory.AdminClientAsync();
        await CreateUsersAsync(admin);
        using var sales = await Factory.ClientWithRoleAsync("Sales");

        var whole = (await ReadAllAsync(sales)).Select(e => e.GetProperty("id").GetString()).ToList();
        var paged = (await ReadAllAsync(sales, "limit=2")).Select(e => e.GetProperty("id").GetString()).ToList();

        paged.ShouldBe(whole);
    }

    [Fact]
    public async Task EntriesCarryOnlyIdNameAndActiveNeverAnEmail()
    {
        using var admin = await Factory.AdminClientAsync();
        await CreateUsersAsync(admin);
        using var sales = await Factory.ClientWithRoleAsync("Sales");

        var response = await sales.GetAsync("/api/v1/users/directory?limit=200");
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK);

        body.ShouldNotContain("@");
        body.ShouldNotContain("email", Case.Insensitive);
        body.ShouldNotContain("roles", Case.Insensitive);
        foreach (var entry in JsonDocument.Parse(body).RootElement.GetProperty("items").EnumerateArray())
        {
            entry.EnumerateObject().Select(p => p.Name).Order().ShouldBe(["active", "id", "name"]);
        }
    }

    [Fact]
    public async Task DeactivatedUsersAreListedAsInactiveAndActiveTrueLeavesThemOut()
    {
        using var admin = await Factory.AdminClientAsync();
        var ids = await CreateUsersAsync(admin);
        (await admin.PatchAsync($"/api/v1/users/{ids[0]}", Http.MergePatch(new { active = false }))).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var sales = await Factory.ClientWithRoleAsync("Sales");

        var all = await ReadAllAsync(sales);
        all.Single(e => e.GetProperty("id").GetString() == ids[0]).GetProperty("active").GetBoolean().ShouldBeFalse();
        all.Single(e => e.GetProperty("id").GetString() == ids[1]).GetProperty("active").GetBoolean().ShouldBeTrue();

        var active = await ReadAllAsync(sales, "limit=200&active=true");
        active.ShouldNotContain(e => e.GetProperty("id").GetString() == ids[0]);
        active.ShouldContain(e => e.GetProperty("id").GetString() == ids[1]);
    }

    [Theory]
    [InlineData("Admin")]
    [InlineData("Manager")]
    [InlineData("Support")]
    [InlineData("Marketing")]
    [InlineData("ReadOnly")]
    public async Task EveryRoleThatReadsCustomersReadsIt(string role)
    {
        using var client = await Factory.ClientWithRoleAsync(role);
        (await client.GetAsync("/api/v1/users/directory")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AnEmployeeGets403AndNobodySignedIn401()
    {
        using var employee = await Factory.ClientWithRoleAsync("Employee");
        await (await employee.GetAsync("/api/v1/users/directory")).ShouldBeProblem(HttpStatusCode.Forbidden);
        using var anonymous = Factory.CreateClient();
        await (await anonymous.GetAsync("/api/v1/users/directory")).ShouldBeProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AnApiTokenWithCustomersReadReadsItAndOneWithoutGets403()
    {
        using var admin = await Factory.AdminClientAsync();
        async Task<HttpClient> TokenClient(string scope)
        {
            var minted = await (await admin.PostAsJsonAsync("/api/v1/api-tokens", new { name = scope, scopes = new[] { scope } })).ShouldBe(HttpStatusCode.Created);
            var client = Factory.CreateClient();
            client.Bearer(minted.GetProperty("secret").GetString()!);
            return client;
        }

        using var reader = await TokenClient("customers:read");
        (await reader.GetAsync("/api/v1/users/directory")).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var importer = await TokenClient("imports:write");
        await (await importer.GetAsync("/api/v1/users/directory")).ShouldBeProblem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ALimitOutOfRangeIs400NamingIt()
    {
        using var sales = await Factory.ClientWithRoleAsync("Sales");
        await (await sales.GetAsync("/api/v1/users/directory?limit=0")).ShouldBeValidationProblem("limit");
        await (await sales.GetAsync("/api/v1/users/directory?limit=201")).ShouldBeValidationProblem("limit");
    }

    [Fact]
    public async Task ManagingUsersStaysWithAdmins()
    {
        using var sales = await Factory.ClientWithRoleAsync("Sales");
        await (await sales.GetAsync("/api/v1/users")).ShouldBeProblem(HttpStatusCode.Forbidden);
    }
}
