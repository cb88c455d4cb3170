using System.Net;
using System.Net.Http.Json;
using Crm.Api.IntegrationTests.Infrastructure;
using Crm.Application.Common;
using Crm.Contracts.Customers;
using Crm.Web.Endpoints;
using Crm.Web.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Crm.Api.IntegrationTests.Platform;

/// <summary>
/// U+0000 cannot be stored in PostgreSQL text (22021): anywhere in a body or a query parameter it is a 400 naming the
/// field, never a 500 (nor an export that answers 200 and stops after its header line).
/// </summary>
public sealed class NulCharacterTests(CrmApiFactory factory) : ApiTest(factory)
{
    [Theory]
    [InlineData("/api/v1/customers", """{"name":"nul\u0000name"}""", "name")]
    [InlineData("/api/v1/customers", """{"name":"A","tags":["vip","b\u0000"]}""", "tags[1]")]
    [InlineData("/api/v1/customers", """{"name":"A","address":{"city":"Porto\u0000"}}""", "address.city")]
    [InlineData("/api/v1/customers", """{"name":"A","externalId":"\u0000"}""", "externalId")]
    [InlineData("/api/v1/customers", """{"name":"A","email":"a\u0000@b.com"}""", "email")]
    [InlineData("/api/v1/customers", """{"name":"A","customFields":{"notes":"x\u0000"}}""", "customFields.notes")]
    [InlineData("/api/v1/customers/batch", """{"matchOn":"email","items":[{"name":"ok"},{"name":"b\u0000"}]}""", "items[1].name")]
    [InlineData("/api/v1/contacts", """{"customerId":"0193a1b2-0000-7000-8000-000000000001","firstName":"Ana\u0000"}""", "firstName")]
    [InlineData("/api/v1/departments", """{"name":"HR\u0000"}""", "name")]
    [InlineData("/api/v1/users", """{"email":"a\u0000@b.com","name":"A","password":"long-enough-password","roles":["Sales"]}""", "email")]
    [InlineData("/api/v1/webhooks", """{"url":"https://example.com/hook","events":["*"],"description":"d\u0000"}""", "description")]
    [InlineData("/api/v1/custom-fields", """{"entity":"customers","key":"notes","label":"Notes\u0000","type":"text"}""", "label")]
    [InlineData("/api/v1/api-tokens", """{"name":"ci\u0000","scopes":["customers:read"]}""", "name")]
    public async Task ABodyIs400NamingTheField(string url, string json, string field)
    {
        using var client = await Factory.AdminClientAsync();
        var problem = await (await client.PostAsync(url, Http.Json(json))).ShouldBeValidationProblem(field);
        problem.GetProperty("errors").GetProperty(field)[0].GetString()!.ShouldContain("U+0000");
    }

    [Fact]
    public async Task SigningInIs400NamingTheEmail()
    {
        using var anonymous = Factory.CreateClient();
        await (await anonymous.PostAsync("/api/v1/auth/token", Http.Json("""{"email":"a\u0000@b.com","password":"x"}"""))).ShouldBeValidationProblem("email");
    }

    [Fact]
    public async Task MergePatchesAndReplacementsAre400NamingTheField()
    {
        using var client = await Factory.AdminClientAsync();
        var created = await client.PostAsJsonAsync("/api/v1/customers", new { name = "Acme" });
        var id = (await created.ShouldBe(HttpStatusCode.Created)).GetProperty("id").GetString();

        await (await client.PatchAsync($"/api/v1/customers/{id}", Http.Json("""{"address":{"city":"x\u0000"}}""", "application/merge-patch+json")))
            .ShouldBeValidationProblem("address.city");
        await (await client.PatchAsync($"/api/v1/customers/{id}", Http.Json("""{"customFields":{"notes":"x\u0000"}}""", "application/merge-patch+json")))
            .ShouldBeValidationProblem("customFields.notes");
        await (await client.PutAsync($"/api/v1/customers/{id}", Http.Json("""{"name":"Acme\u0000"}"""))).ShouldBeValidationProblem("name");

        var stored = await (await client.GetAsync($"/api/v1/customers/{id}")).ShouldBe(HttpStatusCode.OK);
        stored.GetProperty("name").GetString().ShouldBe("Acme");
    }

    [Fact]
    public async Task AnEscapedBackslashBeforeU0000IsJustText()
    {
        using var client = await Factory.AdminClientAsync();
        var body = await (await client.PostAsync("/api/v1/customers", Http.Json("""{"name":"C:\\u0000"}"""))).ShouldBe(HttpStatusCode.Created);
        body.GetProperty("name").GetString().ShouldBe("C:\\u0000");
    }

    [Theory]
    [InlineData("/api/v1/customers?q=%00", "q")]
    [InlineData("/api/v1/customers?limit=10&q=ab%00c", "q")]
    [InlineData("/api/v1/customers?tag=%00", "tag")]
    [InlineData("/api/v1/customers?customField=notes:%00", "customField")]
    [InlineData("/api/v1/contacts?q=%00", "q")]
    [InlineData("/api/v1/audit?entityType=%00", "entityType")]
    [InlineData("/api/v1/exports/customers?q=%00", "q")]
    [InlineData("/api/v1/exports/contacts?q=%00", "q")]
    public async Task AQueryParameterIs400NamingIt(string url, string parameter)
    {
        using var client = await Factory.AdminClientAsync();
        var problem = await (await client.GetAsync(url)).ShouldBeValidationProblem(parameter);
        problem.GetProperty("errors").GetProperty(parameter)[0].GetString()!.ShouldContain("U+0000");
    }

    [Fact]
    public async Task AnEncodedPercentSignIsNotANul()
    {
        using var client = await Factory.AdminClientAsync();
        (await client.GetAsync("/api/v1/customers?q=100%2500")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AnExportWhoseQueryFailsWritesNothing()
    {
        // The query runs at the first row: when it fails, nothing (not even the header line) may have been written, so
        // the problem handler can still answer instead of a 200 that stops after the header.
        using var body = new MemoryStream();
        var export = new ExportStream<CustomerResponse>(["notes"], FailingRows());

        await Should.ThrowAsync<InvalidOperationException>(() => CsvExport.WriteAsync(body, export, ExportsEndpoints.CustomerColumns, c => c.CustomFields, CancellationToken.None));

        body.Length.ShouldBe(0);
    }

    [Theory]
    [InlineData("SELECT length(@p0)", "a\0b", "A value holds a character that cannot be stored.")]
    [InlineData("CREATE TEMP TABLE too_long (v varchar(2)); INSERT INTO too_long VALUES (@p0)", "abc", "A value is too long.")]
    public async Task DatabaseRefusalsOfAValueAre400(string sql, string parameter, string title)
    {
        var error = await Should.ThrowAsync<PostgresException>(() => Factory.ScalarAsync<object>(sql, parameter));
        foreach (var exception in new Exception[] { error, new DbUpdateException("An error occurred while saving the entity changes.", error) })
        {
            var http = new DefaultHttpContext { RequestServices = Factory.Services };
            http.Response.Body = new MemoryStream();
            var handler = new ProblemDetailsExceptionHandler(Factory.Services.GetRequiredService<IProblemDetailsService>(), NullLogger<ProblemDetailsExceptionHandler>.Instance);

            (await handler.TryHandleAsync(http, exception, CancellationToken.None)).ShouldBeTrue();

            http.Response.StatusCode.ShouldBe(StatusCodes.Status400BadRequest);
            http.Response.Body.Position = 0;
            (await new StreamReader(http.Response.Body).ReadToEndAsync()).ShouldContain(title);
        }
    }

    private static async IAsyncEnumerable<CustomerResponse> FailingRows()
    {
        await Task.Yield();
        throw new InvalidOperationException("The query failed.");
#pragma warning disable CS0162 // an iterator needs a yield
        yield break;
#pragma warning restore CS0162
    }
}
