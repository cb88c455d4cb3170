using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Crm.Infrastructure.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Respawn;
using Testcontainers.PostgreSql;

[assembly: AssemblyFixture(typeof(Crm.Api.IntegrationTests.Infrastructure.CrmApiFactory))]
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Crm.Api.IntegrationTests.Infrastructure;

/// <summary>
/// The real API over real HTTP handlers, JWTs and PostgreSQL: a fresh database per test run, on the
/// server named by CRM_TEST_DB (CI starts one) or, where a Docker engine answers, in a Testcontainer.
/// </summary>
public sealed class CrmApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminEmail = "admin@crm.test";
    public const string AdminPassword = "admin-password-for-tests";
    public const string SigningKey = "integration-tests-signing-key-0123456789abcdef";

    private readonly ConcurrentDictionary<string, string> tokens = new();
    private PostgreSqlContainer? container;
    private string serverConnectionString = string.Empty;
    private Respawner? respawner;

    public string ConnectionString { get; private set; } = string.Empty;

    public ConcurrentQueue<string> LogLines { get; } = new();

    public async ValueTask InitializeAsync()
    {
        serverConnectionString = Environment.GetEnvironmentVariable("CRM_TEST_DB") ?? string.Empty;
        if (serverConnectionString.Length == 0)
        {
            container = new PostgreSqlBuilder("postgres:15").Build();
            await container.StartAsync();
            serverConnectionString = container.GetConnectionString();
        }

        var database = "crm_test_" + Guid.NewGuid().ToString("N")[..12];
        await using (var conn = new NpgsqlConnection(serverConnectionString))
        {
            await conn.OpenAsync();
            // C.UTF-8 so lower() and pg_trgm treat every script's letters as letters, whatever the server default.
            await using var cmd = new NpgsqlCommand(
                $"CREATE DATABASE \"{database}\" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'", conn);
            await cmd.ExecuteNonQueryAsync();
        }

        ConnectionString = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = database, Pooling = true }.ConnectionString;
        _ = Server; // builds the host: migrations run and the bootstrap Admin is created
        await using var db = new NpgsqlConnection(ConnectionString);
        await db.OpenAsync();
        respawner = await Respawner.CreateAsync(db, new RespawnerOptions
        {
            DbAdapter = DbAdapter.Postgres,
            SchemasToInclude = ["public"],
            // search_words only grows, and the API remembers which words it holds (SearchWordsInterceptor).
            TablesToIgnore = ["__ef_migrations_history", "departments", "search_words"],
        });
    }

    /// <summary>Empties every table but the seeded ones and re-creates the bootstrap Admin.</summary>
    public async Task ResetAsync()
    {
        await using (var db = new NpgsqlConnection(ConnectionString))
        {
            await db.OpenAsync();
            // The truncation can deadlock with a background worker still writing (a webhook delivery's attempt after
            // the test that raised it ended); PostgreSQL then cancels one of the two, and a second try goes through.
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await respawner!.ResetAsync(db);
                    break;
                }
                catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DeadlockDetected && attempt < 5)
                {
                }
            }
        }

        tokens.Clear();
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Crm", ConnectionString);
        builder.UseSetting("Jwt:SigningKey", SigningKey);
        builder.UseSetting("Bootstrap:AdminEmail", AdminEmail);
        builder.UseSetting("Bootstrap:AdminPassword", AdminPassword);
        builder.UseSetting("RateLimiting:SignInPermitsPerMinute", "100000");
        builder.UseSetting("Imports:PollIntervalMs", "200");
        builder.UseSetting("Logging:LogLevel:Crm.Infrastructure.Imports.ImportWorker", "Debug"); // each merge step, which tests read
        // Webhook tests deliver to a receiver on 127.0.0.1, quickly, with retries in fractions of a second.
        builder.UseSetting("Webhooks:AllowPrivateTargets", "true");
        builder.UseSetting("Webhooks:PollInterval", "00:00:00.100");
        builder.UseSetting("Webhooks:RetryBaseDelay", "00:00:00.200");
        builder.UseSetting("Webhooks:RetryMaxDelay", "00:00:01");
        builder.ConfigureLogging(logging => logging.AddProvider(new CapturingLoggerProvider(LogLines)));
    }

    /// <summary>An HttpClient signed in as the bootstrap Admin.</summary>
    public Task<HttpClient> AdminClientAsync() => ClientAsync(AdminEmail, AdminPassword);

    /// <summary>One value read straight from the test database (<c>@p0</c>, <c>@p1</c>, … are the parameters).</summary>
    public async Task<T> ScalarAsync<T>(string sql, params object[] parameters)
    {
        await using var conn = new NpgsqlConnection(ConnectionString);
        await conn.OpenAsync();
        await using var command = new NpgsqlCommand(sql, conn);
        for (var i = 0; i < parameters.Length; i++)
        {
            command.Parameters.AddWithValue($"p{i}", parameters[i]);
        }

        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>An HttpClient signed in as a (new) user with the given role.</summary>
    public async Task<HttpClient> ClientWithRoleAsync(string role)
    {
        var email = $"{role.ToLowerInvariant()}@crm.test";
        if (!tokens.ContainsKey(email))
        {
            using var admin = await AdminClientAsync();
            var response = await admin.PostAsJsonAsync("/api/v1/users", new { email, name = role + " user", password = "password-for-" + role, roles = new[] { role } });
            if (response.StatusCode != System.Net.HttpStatusCode.Created && response.StatusCode != System.Net.HttpStatusCode.Conflict)
            {
                throw new InvalidOperationException($"Could not create the {role} user: {await response.Content.ReadAsStringAsync()}");
            }
        }

        return await ClientAsync(email, "password-for-" + role);
    }

    public async Task<HttpClient> ClientAsync(string email, string password)
    {
        if (!tokens.TryGetValue(email, out var token))
        {
            using var anonymous = CreateClient();
            var response = await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { email, password });
            response.EnsureSuccessStatusCode();
            token = (await response.Content.ReadFromJsonAsync<TokenBody>())!.AccessToken;
            tokens[email] = token;
        }

        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (container is not null)
        {
            await container.DisposeAsync();
        }
        else if (ConnectionString.Length > 0)
        {
            NpgsqlConnection.ClearAllPools();
            await using var conn = new NpgsqlConnection(serverConnectionString);
            await conn.OpenAsync();
            var database = new NpgsqlConnectionStringBuilder(ConnectionString).Database;
            await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", conn);
            await cmd.ExecuteNonQueryAsync();
        }
    }

    private sealed record TokenBody(string AccessToken, string? RefreshToken);

    private sealed class CapturingLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new CapturingLogger(lines);

        public void Dispose()
        {
        }

        private sealed class CapturingLogger(ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue(formatter(state, exception) + " " + exception);
        }
    }
}

/// <summary>Base of every integration test class: a clean database before each test.</summary>
public abstract class ApiTest(CrmApiFactory factory) : IAsyncLifetime
{
    protected CrmApiFactory Factory { get; } = factory;

    public virtual async ValueTask InitializeAsync() => await Factory.ResetAsync();

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}
