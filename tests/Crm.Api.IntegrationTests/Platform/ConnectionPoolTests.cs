using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Crm.Api.IntegrationTests.Infrastructure;
using Crm.Infrastructure.Persistence;
using Crm.Infrastructure.Webhooks;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Crm.Api.IntegrationTests.Platform;

public sealed class ConnectionPoolTests(CrmApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public void ThePoolHoldsTwoConnectionsPerCoreUnlessTheConnectionStringSaysOtherwise()
    {
        MaxPoolSize(Factory.Services).ShouldBe(Math.Clamp(2 * Environment.ProcessorCount, 4, 100));
        new NpgsqlConnectionStringBuilder(Factory.ConnectionString).MaxPoolSize.ShouldBe(100, "the test's own connection string leaves it to the API");
        var bulk = Factory.Services.GetRequiredService<BulkDataSource>().DataSource;
        bulk.ShouldNotBeSameAs(Factory.Services.GetRequiredService<NpgsqlDataSource>());
        new NpgsqlConnectionStringBuilder(bulk.ConnectionString).MaxPoolSize.ShouldBe(Math.Max(2, Environment.ProcessorCount));
        // The webhook worker holds a connection while it sends: its own, never one of the request pool's.
        var webhooks = Factory.Services.GetRequiredService<WebhookDataSource>().DataSource;
        webhooks.ShouldNotBeSameAs(Factory.Services.GetRequiredService<NpgsqlDataSource>());
        new NpgsqlConnectionStringBuilder(webhooks.ConnectionString).MaxPoolSize.ShouldBe(1);
    }

    [Fact]
    public async Task WhenEveryConnectionStaysBusyARequestGetsA503WithRetryAfterAndTheNextOneSucceeds()
    {
        // A host on the same database whose connection string names its own pool: two connections, a 2 s wait.
        await using var small = SmallPool(timeoutSeconds: 2);
        MaxPoolSize(small.Services).ShouldBe(2);
        using var admin = await AdminAsync(small);
        (await admin.GetAsync("/api/v1/customers")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Something else holds both connections (slow requests, a long transaction) for longer than the pool's Timeout.
        await using (await HoldRequestConnectionsAsync(small))
        {
            var busy = await admin.GetAsync("/api/v1/customers");
            var problem = await busy.ShouldBeProblem(HttpStatusCode.ServiceUnavailable);
            problem.GetProperty("title").GetString().ShouldBe("The database is busy.");
            busy.Headers.RetryAfter.ShouldNotBeNull().Delta.ShouldBe(TimeSpan.FromSeconds(1));
        }

        (await admin.GetAsync("/api/v1/customers")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task UploadsHoldConnectionsOfTheirOwnPoolSoTheyNeitherDeadlockNorStarveOtherRequests()
    {
        // Two connections for requests. An upload holds a connection while its body streams in and needs another
        // meanwhile (to record the job); when uploads held the request pool's connections, two at once took both and
        // waited for each other, and every request behind them, until the pool's Timeout.
        await using var small = SmallPool(timeoutSeconds: 10);
        using var admin = await AdminAsync(small);

        var run = Guid.NewGuid().ToString("N")[..8];
        var uploads = Enumerable.Range(0, 4).Select(i => admin.PostAsync("/api/v1/imports?entity=customers&mode=insert", new SlowCsv(
            "name,email\n", $"Pool {run} {i} Sp. z o.o.,pool.{run}.{i}@example.com\n", TimeSpan.FromMilliseconds(500)))).ToList();
        await Task.Delay(200); // every upload has its header read and is streaming its rows

        var started = Stopwatch.StartNew();
        (await admin.GetAsync("/api/v1/customers")).StatusCode.ShouldBe(HttpStatusCode.OK);
        started.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5), "a request does not wait for the uploads");

        foreach (var upload in uploads)
        {
            var job = await ImportJobs.FinishedAsync(admin, await (await upload).ShouldBe(HttpStatusCode.Accepted));
            job.GetProperty("status").GetString().ShouldBe("succeeded", job.ToString());
            job.GetProperty("inserted").GetInt64().ShouldBe(1);
        }
    }

    [Fact]
    public async Task WhenEveryBulkConnectionStaysBusyUploadsExportsAndRejectedRowsGetA503WithRetryAfterAndNothingIsWritten()
    {
        // One bulk connection, a 2 s wait for it (the host's own import worker uses it too, briefly, after a merge).
        await using var host = Factory.WithWebHostBuilder(b => b
            .UseSetting("ConnectionStrings:Crm", Factory.ConnectionString + ";Timeout=2")
            .UseSetting("Database:BulkPoolSize", "1"));
        using var admin = await AdminAsync(host);
        var run = Guid.NewGuid().ToString("N")[..8];
        var rejected = await ImportJobs.FinishedAsync(admin, await (await admin.PostAsync("/api/v1/imports?entity=customers&mode=insert",
            new StringContent($"name,email\n,nameless.{run}@example.com\n", Encoding.UTF8, "text/csv"))).ShouldBe(HttpStatusCode.Accepted));
        rejected.GetProperty("rejected").GetInt64().ShouldBe(1, rejected.ToString());
        var jobs = await ImportJobCountAsync();

        // Something holds the one bulk connection (an import merging, a slow download) for longer than the pool waits.
        await using (await host.Services.GetRequiredService<BulkDataSource>().DataSource.OpenConnectionAsync())
        {
            foreach (var busy in new[]
            {
                await admin.PostAsync("/api/v1/imports?entity=customers&mode=insert", new StringContent($"name\nBusy {run} Lda\n", Encoding.UTF8, "text/csv")),
                await admin.GetAsync("/api/v1/exports/customers"),
                await admin.GetAsync("/api/v1/exports/contacts"),
                await admin.GetAsync($"/api/v1/imports/{rejected.GetProperty("id").GetString()}/errors"),
            })
            {
                var problem = await busy.ShouldBeProblem(HttpStatusCode.ServiceUnavailable);
                problem.GetProperty("title").GetString().ShouldBe("Too many imports and exports at once.", busy.RequestMessage!.RequestUri!.ToString());
                problem.GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain("nothing was written");
                busy.Headers.RetryAfter.ShouldNotBeNull().Delta.ShouldBe(TimeSpan.FromSeconds(10));
            }

            (await admin.GetAsync("/api/v1/customers")).StatusCode.ShouldBe(HttpStatusCode.OK, "requests have connections of their own");
            (await ImportJobCountAsync()).ShouldBe(jobs, "the refused upload recorded no job");
        }

        var after = await ImportJobs.FinishedAsync(admin, await (await admin.PostAsync("/api/v1/imports?entity=customers&mode=insert",
            new StringContent($"name\nBusy {run} Lda\n", Encoding.UTF8, "text/csv"))).ShouldBe(HttpStatusCode.Accepted));
        after.GetProperty("inserted").GetInt64().ShouldBe(1, after.ToString());
        (await admin.GetAsync("/api/v1/exports/customers")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public void BulkWorkTellsAFullPoolFromAFailedConnectionByNpgsqlsMessage()
    {
        // The message BulkDataSource.IsExhausted recognises, as this Npgsql words it: a pool of one, held, a 1 s wait.
        using var dataSource = NpgsqlDataSource.Create(Factory.ConnectionString + ";Maximum Pool Size=1;Timeout=1");
        using var held = dataSource.OpenConnection();
        var full = Should.Throw<NpgsqlException>(() => dataSource.OpenConnection());
        BulkDataSource.IsExhausted(full).ShouldBeTrue(full.Message);
        BulkDataSource.IsExhausted(new InvalidOperationException("A transient failure (as EF Core words it).", full)).ShouldBeTrue();

        using var nowhere = NpgsqlDataSource.Create("Host=127.0.0.1;Port=1;Username=crm;Timeout=1");
        var refused = Should.Throw<NpgsqlException>(() => nowhere.OpenConnection());
        BulkDataSource.IsExhausted(refused).ShouldBeFalse(refused.Message);
    }

    [Fact]
    public async Task AnExportStreamsFromTheBulkPoolSoASlowDownloadHoldsNoRequestConnection()
    {
        await using var small = SmallPool(timeoutSeconds: 2);
        using var admin = await AdminAsync(small);
        var name = $"Export pool {Guid.NewGuid():N}";
        await (await admin.PostAsJsonAsync("/api/v1/customers", new { kind = "company", name })).ShouldBe(HttpStatusCode.Created);

        // Both request connections busy: the list cannot be served, the export still is (it never takes one).
        await using (await HoldRequestConnectionsAsync(small))
        {
            await (await admin.GetAsync("/api/v1/customers")).ShouldBeProblem(HttpStatusCode.ServiceUnavailable);
            var export = await admin.GetAsync("/api/v1/exports/customers");
            export.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await export.Content.ReadAsStringAsync()).ShouldContain(name);
        }
    }

    /// <summary>A host on the same database whose connection string names its own request pool: two connections.</summary>
    private WebApplicationFactory<Program> SmallPool(int timeoutSeconds) =>
        Factory.WithWebHostBuilder(b => b.UseSetting("ConnectionStrings:Crm", Factory.ConnectionString + $";Maximum Pool Size=2;Timeout={timeoutSeconds}"));

    private static async Task<HttpClient> AdminAsync(WebApplicationFactory<Program> host)
    {
        using var anonymous = host.CreateClient();
        var token = (await (await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { email = CrmApiFactory.AdminEmail, password = CrmApiFactory.AdminPassword })).JsonBody())
            .GetProperty("accessToken").GetString()!;
        var admin = host.CreateClient();
        admin.Bearer(token);
        return admin;
    }

    /// <summary>Opens both of the small host's request connections and holds them until disposed.</summary>
    private static async Task<IAsyncDisposable> HoldRequestConnectionsAsync(WebApplicationFactory<Program> host)
    {
        var dataSource = host.Services.GetRequiredService<NpgsqlDataSource>();
        return new Held([await dataSource.OpenConnectionAsync(), await dataSource.OpenConnectionAsync()]);
    }

    /// <summary>Polls an import job until it has succeeded or failed (30 s at most).</summary>
    private async Task<long> ImportJobCountAsync()
    {
        await using var connection = new NpgsqlConnection(Factory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM import_jobs", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static int MaxPoolSize(IServiceProvider services) =>
        new NpgsqlConnectionStringBuilder(services.GetRequiredService<NpgsqlDataSource>().ConnectionString).MaxPoolSize;

    private sealed class Held(NpgsqlConnection[] connections) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            foreach (var connection in connections)
            {
                await connection.DisposeAsync();
            }
        }
    }

    /// <summary>A CSV body that sends its header, pauses, then sends its rows, as a slow upload does.</summary>
    private sealed class SlowCsv : HttpContent
    {
        private readonly byte[] header;
        private readonly byte[] rows;
        private readonly TimeSpan pause;

        public SlowCsv(string header, string rows, TimeSpan pause)
        {
            this.header = Encoding.UTF8.GetBytes(header);
            this.rows = Encoding.UTF8.GetBytes(rows);
            this.pause = pause;
            Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync(header);
            await stream.FlushAsync();
            await Task.Delay(pause);
            await stream.WriteAsync(rows);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = -1;
            return false;
        }
    }
}
