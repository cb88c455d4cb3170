using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Crm.Api.IntegrationTests.Infrastructure;

namespace Crm.Api.IntegrationTests.Imports;

/// <summary>A website too long once normalised rejects its row with a reason, never the whole merge.</summary>
public sealed class ImportWebsiteLengthTests(CrmApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task AWebsiteTooLongOnceNormalisedRejectsOnlyItsRow()
    {
        using var admin = await Factory.AdminClientAsync();
        var csv = $"name,email,website\nGood,good@x.pt,example.com/ąę\nLong site,long@x.pt,example.com/{new string('ą', 400)}\n";
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");

        var started = await (await admin.PostAsync("/api/v1/imports?entity=customers", content)).ShouldBe(HttpStatusCode.Accepted);
        var job = await FinishedAsync(admin, started);

        job.GetProperty("status").GetString().ShouldBe("succeeded", job.ToString());
        job.GetProperty("inserted").GetInt64().ShouldBe(1, job.ToString());
        job.GetProperty("rejected").GetInt64().ShouldBe(1, job.ToString());
        var errors = await (await admin.GetAsync($"/api/v1/imports/{job.GetProperty("id").GetString()}/errors")).Content.ReadAsStringAsync();
        errors.Split('\n', StringSplitOptions.RemoveEmptyEntries)[1].ShouldStartWith("3,\"website: At most 500 characters");
    }

    private static async Task<JsonElement> FinishedAsync(HttpClient client, JsonElement started)
    {
        var id = started.GetProperty("id").GetString();
        for (var i = 0; i < 600; i++)
        {
            var job = await (await client.GetAsync($"/api/v1/imports/{id}")).ShouldBe(HttpStatusCode.OK);
            if (job.GetProperty("status").GetString() is "succeeded" or "failed")
            {
                return job;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Import {id} did not finish");
    }
}
