using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Crm.Api.IntegrationTests.Infrastructure;

namespace Crm.Api.IntegrationTests.Platform;

/// <summary>API tokens, departments and custom fields page like every other list: limit, cursor, nextCursor.</summary>
public sealed class SmallListPagingTests(CrmApiFactory factory) : ApiTest(factory)
{
    public static TheoryData<string> Lists => new() { "/api/v1/api-tokens", "/api/v1/departments", "/api/v1/custom-fields" };

    private static async Task CreateAsync(HttpClient admin, string list, int count)
    {
        // Departments outlive each test (Respawn keeps the seeded ones): a name of this run's own.
        var run = Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < count; i++)
        {
            object body = list switch
            {
                "/api/v1/api-tokens" => new { name = $"token {i}", scopes = new[] { "customers:read" } },
                "/api/v1/departments" => new { name = $"Department {99 - i} {run}" },
                _ => new { entity = i % 2 == 0 ? "customers" : "contacts", key = $"field{i}", label = $"Field {i}", type = "text" },
            };
            await (await admin.PostAsJsonAsync(list, body)).ShouldBe(HttpStatusCode.Created);
        }
    }

    private static async Task<(List<string> Ids, int Pages)> ReadAllAsync(HttpClient client, string list, int limit)
    {
        var ids = new List<string>();
        var pages = 0;
        string? cursor = null;
        do
        {
            var page = await (await client.GetAsync($"{list}?limit={limit}" + (cursor is null ? string.Empty : $"&cursor={Uri.EscapeDataString(cursor)}")))
                .ShouldBe(HttpStatusCode.OK);
            var items = page.GetProperty("items").EnumerateArray().ToList();
            items.Count.ShouldBeLessThanOrEqualTo(limit);
            ids.AddRange(items.Select(e => e.GetProperty("id").GetString()!));
            cursor = page.GetProperty("nextCursor").GetString();
            pages++;
        }
        while (cursor is not null);
        return (ids, pages);
    }

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task PagesHoldAtMostLimitAndTogetherTheWholeListWithoutGapsOrRepeats(string list)
    {
        using var admin = await Factory.AdminClientAsync();
        await CreateAsync(admin, list, 5);

        var (whole, onePage) = await ReadAllAsync(admin, list, 200);
        var (paged, pages) = await ReadAllAsync(admin, list, 2);

        onePage.ShouldBe(1);
        whole.Count.ShouldBeGreaterThanOrEqualTo(5);
        paged.ShouldBe(whole);
        paged.Distinct().Count().ShouldBe(paged.Count);
        pages.ShouldBe((whole.Count + 1) / 2);
    }

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task DefaultLimitIs50(string list)
    {
        using var admin = await Factory.AdminClientAsync();
        await CreateAsync(admin, list, 51);

        var page = await (await admin.GetAsync(list)).ShouldBe(HttpStatusCode.OK);

        page.GetProperty("items").GetArrayLength().ShouldBe(50);
        page.GetProperty("nextCursor").ValueKind.ShouldBe(JsonValueKind.String);
    }

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task Returns400NamingLimitWhenOutOfRange(string list)
    {
        using var admin = await Factory.AdminClientAsync();

        await (await admin.GetAsync($"{list}?limit=0")).ShouldBeValidationProblem("limit");
        await (await admin.GetAsync($"{list}?limit=201")).ShouldBeValidationProblem("limit");
    }

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task Returns400NamingCursorForAnotherListsCursor(string list)
    {
        using var admin = await Factory.AdminClientAsync();
        using var sales = await Factory.ClientWithRoleAsync("Sales");
        var users = await (await admin.GetAsync("/api/v1/users?limit=1")).ShouldBe(HttpStatusCode.OK);
        var foreign = users.GetProperty("nextCursor").GetString()!;

        await (await admin.GetAsync($"{list}?cursor={Uri.EscapeDataString(foreign)}")).ShouldBeValidationProblem("cursor");
        await (await admin.GetAsync($"{list}?cursor=not-a-cursor")).ShouldBeValidationProblem("cursor");
    }

    [Fact]
    public async Task DepartmentsComeByNameInReadingOrder()
    {
        using var admin = await Factory.AdminClientAsync();
        var run = Guid.NewGuid().ToString("N")[..8];
        foreach (var name in new[] { "Ágata team", "zeta", "Loja 10", "Loja 9" })
        {
            await (await admin.PostAsJsonAsync("/api/v1/departments", new { name = $"{name} {run}" })).ShouldBe(HttpStatusCode.Created);
        }

        var names = new List<string>();
        string? cursor = null;
        do
        {
            var page = await (await admin.GetAsync("/api/v1/departments?limit=3" + (cursor is null ? string.Empty : $"&cursor={Uri.EscapeDataString(cursor)}"))).ShouldBe(HttpStatusCode.OK);
            names.AddRange(page.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("name").GetString()!));
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        names.ShouldBe(names.InNameOrder());
        names.IndexOf($"Loja 9 {run}").ShouldBeLessThan(names.IndexOf($"Loja 10 {run}"));
        names.IndexOf($"Ágata team {run}").ShouldBeLessThan(names.IndexOf("Finance"));
    }

    [Fact]
    public async Task ApiTokensComeNewestFirstAndASalesUserPagesOnlyTheirOwn()
    {
        using var admin = await Factory.AdminClientAsync();
        await CreateAsync(admin, "/api/v1/api-tokens", 2);
        using var sales = await Factory.ClientWithRoleAsync("Sales");
        for (var i = 0; i < 3; i++)
        {
            await (await sales.PostAsJsonAsync("/api/v1/api-tokens", new { name = $"mine {i}", scopes = new[] { "customers:read" } })).ShouldBe(HttpStatusCode.Created);
        }

        var names = new List<string>();
        string? cursor = null;
        do
        {
            var page = await (await sales.GetAsync("/api/v1/api-tokens?limit=1" + (cursor is null ? string.Empty : $"&cursor={Uri.EscapeDataString(cursor)}"))).ShouldBe(HttpStatusCode.OK);
            names.AddRange(page.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("name").GetString()!));
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        names.ShouldBe(["mine 2", "mine 1", "mine 0"]);
    }
}
