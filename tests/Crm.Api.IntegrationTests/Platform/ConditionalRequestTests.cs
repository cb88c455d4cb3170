using System.Net;
using Crm.Api.IntegrationTests.Infrastructure;

namespace Crm.Api.IntegrationTests.Platform;

/// <summary>
/// ETags on every single-resource read, If-None-Match by weak comparison ("*", W/ forms, lists) and If-Match by strong
/// comparison (lists, "*"), the same on every resource (RFC 9110 13.1).
/// </summary>
public sealed class ConditionalRequestTests(CrmApiFactory factory) : ApiTest(factory)
{
    private static async Task<HttpResponseMessage> Get(HttpClient client, string url, string? ifNoneMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (ifNoneMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        }

        return await client.SendAsync(request);
    }

    /// <summary>The answers to If-None-Match: the current tag as sent, weak, in a list, "*"; then tags that are not current.</summary>
    private static async Task ShouldHonourIfNoneMatch(HttpClient client, string url, string etag)
    {
        foreach (var current in new[] { etag, "W/" + etag, $"\"0\", W/\"1\", {etag}", "*", " W/" + etag + " , \"7\"" })
        {
            var notModified = await Get(client, url, current);
            notModified.StatusCode.ShouldBe(HttpStatusCode.NotModified, current);
            notModified.ETag().ShouldBe(etag);
            (await notModified.Content.ReadAsStringAsync()).ShouldBeEmpty();
        }

        foreach (var other in new[] { "\"0\"", "W/\"0\", \"1\"", etag[..^1] })
        {
            (await Get(client, url, other)).StatusCode.ShouldBe(HttpStatusCode.OK, other);
        }
    }

    [Fact]
    public async Task ADepartmentHasAnETagAndHonoursIfNoneMatch()
    {
        using var employee = await Factory.ClientWithRoleAsync("Employee");
        var id = (await (await employee.GetAsync("/api/v1/departments")).JsonBody()).GetProperty("items")[0].GetProperty("id").GetString();
        var read = await Get(employee, $"/api/v1/departments/{id}");
        await read.ShouldBe(HttpStatusCode.OK);
        await ShouldHonourIfNoneMatch(employee, $"/api/v1/departments/{id}", read.ETag());

        using var admin = await Factory.AdminClientAsync();
        var created = await admin.PostAsync("/api/v1/departments", Http.Json("""{"name": "Legal"}"""));
        var body = await created.ShouldBe(HttpStatusCode.Created);
        var url = $"/api/v1/departments/{body.GetProperty("id").GetString()}";
        created.Headers.Location!.ToString().ShouldBe(url);
        (await Get(admin, url)).ETag().ShouldBe(created.ETag());
    }

    [Fact]
    public async Task AnImportHasAnETagThatChangesAsItMovesOn()
    {
        using var admin = await Factory.AdminClientAsync();
        var started = await (await admin.PostAsync("/api/v1/imports?entity=customers", Http.Json("""[{"name": "Ana", "email": "ana@x.pt"}]""")))
            .ShouldBe(HttpStatusCode.Accepted);
        var url = $"/api/v1/imports/{started.GetProperty("id").GetString()}";
        var first = await Get(admin, url);
        var firstTag = first.ETag();

        HttpResponseMessage finished;
        for (var i = 0; ; i++)
        {
            finished = await Get(admin, url);
            if ((await finished.JsonBody()).GetProperty("status").GetString() is "succeeded" or "failed" || i == 600)
            {
                break;
            }

            await Task.Delay(100);
        }

        (await finished.JsonBody()).GetProperty("status").GetString().ShouldBe("succeeded");
        await ShouldHonourIfNoneMatch(admin, url, finished.ETag());
        if ((await first.JsonBody()).GetProperty("status").GetString() != "succeeded")
        {
            (await Get(admin, url, firstTag)).StatusCode.ShouldBe(HttpStatusCode.OK); // the job moved on since: a new tag
        }
    }

    [Fact]
    public async Task EveryReadWithAnETagHonoursIfNoneMatchByWeakComparison()
    {
        using var admin = await Factory.AdminClientAsync();
        var customer = await admin.PostAsync("/api/v1/customers", Http.Json("""{"name": "A"}"""));
        var id = (await customer.JsonBody()).GetProperty("id").GetString();
        await ShouldHonourIfNoneMatch(admin, $"/api/v1/customers/{id}", customer.ETag());

        var me = (await (await admin.GetAsync("/api/v1/me")).JsonBody()).GetProperty("id").GetString();
        await ShouldHonourIfNoneMatch(admin, $"/api/v1/users/{me}", (await Get(admin, $"/api/v1/users/{me}")).ETag());
    }

    [Fact]
    public async Task IfMatchTakesAListOrAStarAndComparesStrongly()
    {
        using var admin = await Factory.AdminClientAsync();
        var created = await admin.PostAsync("/api/v1/customers", Http.Json("""{"name": "v1"}"""));
        var url = $"/api/v1/customers/{(await created.JsonBody()).GetProperty("id").GetString()}";
        var etag = created.ETag();

        var listed = await admin.SendWith(HttpMethod.Patch, url, Http.MergePatch(new { name = "v2" }), ifMatch: $"\"1\", {etag}, W/\"2\"");
        await listed.ShouldBe(HttpStatusCode.OK);
        var star = await admin.SendWith(HttpMethod.Put, url, Http.Json("""{"name": "v3"}"""), ifMatch: "*");
        await star.ShouldBe(HttpStatusCode.OK);
        etag = star.ETag();

        foreach (var refused in new[] { "W/" + etag, $"\"1\", \"2\"", $"W/{etag}, \"1\"", "\"unterminated", "garbage" })
        {
            var problem = await (await admin.SendWith(HttpMethod.Patch, url, Http.MergePatch(new { name = "never" }), ifMatch: refused)).ShouldBeProblem(HttpStatusCode.PreconditionFailed);
            problem.GetProperty("detail").GetString().ShouldNotBeNullOrEmpty();
        }

        (await (await admin.GetAsync(url)).JsonBody()).GetProperty("name").GetString().ShouldBe("v3");
        (await admin.SendWith(HttpMethod.Delete, url, ifMatch: $"\"1\", {etag}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task IfMatchListsHoldOnUsersContactsWebhooksAndCustomFieldsToo()
    {
        using var admin = await Factory.AdminClientAsync();
        var me = (await (await admin.GetAsync("/api/v1/me")).JsonBody()).GetProperty("id").GetString();
        var user = await Get(admin, $"/api/v1/users/{me}");
        (await admin.SendWith(HttpMethod.Patch, $"/api/v1/users/{me}", Http.MergePatch(new { name = "Root" }), ifMatch: $"\"1\", {user.ETag()}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await admin.SendWith(HttpMethod.Patch, $"/api/v1/users/{me}", Http.MergePatch(new { name = "Other" }), ifMatch: $"\"1\", {user.ETag()}")).StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);

        var customer = (await (await admin.PostAsync("/api/v1/customers", Http.Json("""{"name": "A"}"""))).JsonBody()).GetProperty("id").GetString();
        var contact = await admin.PostAsync("/api/v1/contacts", Http.Json($$"""{"customerId": "{{customer}}", "firstName": "Ana"}"""));
        var contactUrl = $"/api/v1/contacts/{(await contact.JsonBody()).GetProperty("id").GetString()}";
        (await admin.SendWith(HttpMethod.Patch, contactUrl, Http.MergePatch(new { firstName = "Inês" }), ifMatch: $"W/\"1\", {contact.ETag()}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await admin.SendWith(HttpMethod.Delete, contactUrl, ifMatch: "*")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var field = await admin.PostAsync("/api/v1/custom-fields", Http.Json("""{"entity": "customers", "key": "tier", "label": "Tier", "type": "text"}"""));
        var fieldUrl = $"/api/v1/custom-fields/{(await field.ShouldBe(HttpStatusCode.Created)).GetProperty("id").GetString()}";
        (await admin.SendWith(HttpMethod.Delete, fieldUrl, ifMatch: "W/" + field.ETag())).StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        (await admin.SendWith(HttpMethod.Delete, fieldUrl, ifMatch: $"\"1\",{field.ETag()}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }
}
