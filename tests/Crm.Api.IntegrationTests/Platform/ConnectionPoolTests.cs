using System.Net;
using System.Net.Http.Json;
using Crm.Api.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Crm.Api.IntegrationTests.Platform;

public sealed class ConnectionPoolTests(CrmApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public void ThePoolHoldsFourConnectionsPerCoreUnlessTheConnectionStringSaysOtherwise()
    {
        MaxPoolSize(Factory.Services).ShouldBe(Math.Clamp(4 * Environment.ProcessorCount, 8, 100));
        new NpgsqlConnectionStringBuilder(Factory.ConnectionString).MaxPoolSize.ShouldBe(100, "the test's own connection string leaves it to the API");
    }

    [Fact]
    public async Task WhenEveryConnectionStaysBusyARequestGetsA503WithRetryAfterAndTheNextOneSucceeds()
    {
        // A host on the same database whose connection string names its own pool: two connections, a 2 s wait.
        await using var small = Factory.WithWebHostBuilder(b => b.UseSetting("ConnectionStrings:Crm", Factory.ConnectionString + ";Maximum Pool Size=2;Timeout=2"));
        MaxPoolSize(small.Services).ShouldBe(2);
        using var anonymous = small.CreateClient();
        var token = (await (await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { email = CrmApiFactory.AdminEmail, password = CrmApiFactory.AdminPassword })).JsonBody())
            .GetProperty("accessToken").GetString()!;
        using var admin = small.CreateClient();
        admin.Bearer(token);
        (await admin.GetAsync("/api/v1/customers")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Something else holds both connections (a long export, two uploads) for longer than the pool's Timeout.
        var dataSource = small.Services.GetRequiredService<NpgsqlDataSource>();
        var held = new List<NpgsqlConnection> { await dataSource.OpenConnectionAsync(), await dataSource.OpenConnectionAsync() };
        try
        {
            var busy = await admin.GetAsync("/api/v1/customers");
            var problem = await busy.ShouldBeProblem(HttpStatusCode.ServiceUnavailable);
            problem.GetProperty("title").GetString().ShouldBe("The database is busy.");
            busy.Headers.RetryAfter.ShouldNotBeNull().Delta.ShouldBe(TimeSpan.FromSeconds(1));
        }
        finally
        {
            foreach (var connection in held)
            {
                await connection.DisposeAsync();
            }
        }

        (await admin.GetAsync("/api/v1/customers")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private static int MaxPoolSize(IServiceProvider services) =>
        new NpgsqlConnectionStringBuilder(services.GetRequiredService<NpgsqlDataSource>().ConnectionString).MaxPoolSize;
}
