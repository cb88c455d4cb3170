using System.Net;
using System.Text.Json;

namespace Crm.Api.IntegrationTests.Infrastructure;

/// <summary>Following an import job to its end, as a client polls it.</summary>
public static class ImportJobs
{
    /// <summary>Polls GET /imports/{id} until the worker has finished the job (succeeded or failed), for up to a minute.</summary>
    public static async Task<JsonElement> FinishedAsync(HttpClient client, string id)
    {
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

    /// <summary>The job a POST /imports answered (its 202 body, or any later state of it), followed to its end.</summary>
    public static Task<JsonElement> FinishedAsync(HttpClient client, JsonElement job) => FinishedAsync(client, job.GetProperty("id").GetString()!);

    public static Task<JsonElement> FinishedAsync(HttpClient client, Guid id) => FinishedAsync(client, id.ToString());

    /// <summary>A POST /imports's answer, which must be its 202, followed to the job's end.</summary>
    public static async Task<JsonElement> FinishedAsync(HttpClient client, HttpResponseMessage started) =>
        await FinishedAsync(client, await started.ShouldBe(HttpStatusCode.Accepted));
}
