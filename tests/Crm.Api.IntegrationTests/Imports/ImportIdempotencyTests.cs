using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Crm.Api.IntegrationTests.Infrastructure;

namespace Crm.Api.IntegrationTests.Imports;

/// <summary>POST /imports honours Idempotency-Key like every creating POST, hashing the upload as it streams.</summary>
public sealed class ImportIdempotencyTests(CrmApiFactory factory) : ApiTest(factory)
{
    private const string Query = "entity=customers&matchOn=email";

    private static string CsvText(int rows, string prefix = "Firma")
    {
        var text = new StringBuilder("name,email\n");
        for (var i = 0; i < rows; i++)
        {
            text.Append($"{prefix} {i},{prefix.ToLowerInvariant()}{i}@example.pl\n");
        }

        return text.ToString();
    }

    private static ByteArrayContent Csv(string text)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return content;
    }

    private static MultipartFormDataContent Form(string csv)
    {
        var file = Csv(csv);
        return new MultipartFormDataContent // a new random boundary each time, as curl -F sends
        {
            { new StringContent("""{"name":"name","email":"email"}"""), "mapping" },
            { file, "file", "firms.csv" },
        };
    }

    /// <summary>How many import jobs exist, once all have finished (a job still merging would hold the next test's reset).</summary>
    private static async Task<int> JobCountAsync(HttpClient client)
    {
        var jobs = (await (await client.GetAsync("/api/v1/imports?limit=200")).ShouldBe(HttpStatusCode.OK)).GetProperty("items").EnumerateArray().ToList();
        foreach (var job in jobs)
        {
            await ImportJobs.FinishedAsync(client, job.GetProperty("id").GetString()!);
        }

        return jobs.Count;
    }

    [Fact]
    public async Task ARepeatWithTheSameKeyAndFileReplaysTheFirstAnswerAndImportsOnce()
    {
        using var admin = await Factory.AdminClientAsync();
        var csv = CsvText(3);

        var first = await admin.SendWith(HttpMethod.Post, $"/api/v1/imports?{Query}", Csv(csv), idempotencyKey: "nightly-1");
        var started = await first.ShouldBe(HttpStatusCode.Accepted);
        var id = started.GetProperty("id").GetString()!;
        (await ImportJobs.FinishedAsync(admin, id)).GetProperty("inserted").GetInt64().ShouldBe(3);

        var second = await admin.SendWith(HttpMethod.Post, $"/api/v1/imports?{Query}", Csv(csv), idempotencyKey: "nightly-1");

        var replayed = await second.ShouldBe(HttpStatusCode.Accepted);
        second.Headers.GetValues("Idempotent-Replayed").ShouldBe(["true"]);
        second.Headers.Location!.ToString().ShouldBe($"/api/v1/imports/{id}");
        replayed.GetProperty("id").GetString().ShouldBe(id);
        (await JobCountAsync(admin)).ShouldBe(1);
    }

    [Fact]
    public async Task AMultipartRepeatWithAnotherBoundaryButTheSamePartsIsReplayed()
    {
        using var admin = await Factory.AdminClientAsync();
        // Large enough to arrive in many reads, so boundaries and rows straddle them.
        var csv = CsvText(5_000);

        var started = await (await admin.SendWith(HttpMethod.Post, $"/api/v1/imports?{Query}", Form(csv), idempotencyKey: "form-1")).ShouldBe(HttpStatusCode.Accepted);
        var second = await admin.SendWith(HttpMethod.Post, $"/api/v1/imports?{Query}", Form(csv), idempotencyKey: "form-1");

        (await second.ShouldBe(HttpStatusCode.Accepted)).GetProperty("id").GetString().ShouldBe(started.GetProperty("id").GetString());
        second.Headers.Contains("Idempotent-Replayed").ShouldBeTrue();
        (await JobCountAsync(admin)).ShouldBe(1);
    }

    [Fact]
    public async Task TheSameKeyWithAnotherFileIs422AndStartsNoImport()
    {
        using var admin = await Factory.AdminClientAsync();
        await (await admin.SendWith(HttpMethod.Post, $"/api/v1/imports?{Query}", Csv(CsvText(3)), idempotencyKey: "k1")).ShouldBe(HttpStatusCode.Accepted);

        var other = await admin.SendWith(HttpMethod.Post, $"/api/v1/imports?{Query}", Csv(CsvText(3, "Loja")), idempotencyKey: "k1");

        var problem = await other.ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        problem.GetProperty("title").GetString().ShouldBe("Idempotency-Key reused with a different request.");
        (await JobCountAsync(admin)).ShouldBe(1);
    }

    [Fact]
    public async Task TheSameKeyAndFileWithAnotherModeIs422()
    {
        using var admin = await Factory.AdminClientAsync();
        var csv = CsvText(3);
        await (await admin.SendWith(HttpMethod.Post, $"/api/v1/imports?{Query}", Csv(csv), idempotencyKey: "k2")).ShouldBe(HttpStatusCode.Accepted);

        var insert = await admin.SendWith(HttpMethod.Post, $"/api/v1/imports?{Query}&mode=insert", Csv(csv), idempotencyKey: "k2");

        await insert.ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        (await JobCountAsync(admin)).ShouldBe(1);
    }

    [Fact]
    public async Task ARefusedUploadReleasesTheKeySoTheFixedRequestRuns()
    {
        using var admin = await Factory.AdminClientAsync();
        var csv = CsvText(2);
        await (await admin.SendWith(HttpMethod.Post, "/api/v1/imports?entity=planets", Csv(csv), idempotencyKey: "k3")).ShouldBeValidationProblem("entity");

        var fixedRequest = await admin.SendWith(HttpMethod.Post, $"/api/v1/imports?{Query}", Csv(csv), idempotencyKey: "k3");

        await fixedRequest.ShouldBe(HttpStatusCode.Accepted);
        fixedRequest.Headers.Contains("Idempotent-Replayed").ShouldBeFalse();
        (await JobCountAsync(admin)).ShouldBe(1);
    }

    [Fact]
    public async Task WithoutAKeyEveryUploadIsItsOwnImport()
    {
        using var admin = await Factory.AdminClientAsync();
        var csv = CsvText(2);
        await (await admin.PostAsync($"/api/v1/imports?{Query}", Csv(csv))).ShouldBe(HttpStatusCode.Accepted);
        await (await admin.PostAsync($"/api/v1/imports?{Query}", Csv(csv))).ShouldBe(HttpStatusCode.Accepted);

        (await JobCountAsync(admin)).ShouldBe(2);
    }
}
