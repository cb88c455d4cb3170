using Crm.Application.Common;
using Crm.Application.Webhooks;
using Crm.Infrastructure.Identity;
using Crm.Infrastructure.Imports;
using Crm.Infrastructure.Persistence;
using Crm.Infrastructure.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Update;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Crm.Infrastructure;

public static class DependencyInjection
{
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString("Crm")
            ?? throw new InvalidOperationException("ConnectionStrings__Crm is not set.");
        var dataSourceBuilder = new NpgsqlDataSourceBuilder(connectionString).EnableDynamicJson();
        // A setting the connection string names (with or without its spaces) is left as it says.
        bool Unset(string keyword) =>
            !connectionString.Contains(keyword, StringComparison.OrdinalIgnoreCase)
            && !connectionString.Contains(keyword.Replace(" ", string.Empty, StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);

        if (Unset("Auto Prepare"))
        {
            // Statements a connection runs repeatedly are prepared on it: PostgreSQL then skips parsing and
            // planning them (get by id: +20 % req/s at 1M customers). "Max Auto Prepare=0" switches it off.
            dataSourceBuilder.ConnectionStringBuilder.MaxAutoPrepare = 64;
        }

        if (Unset("Reset On Close"))
        {
            // A pooled connection is not reset when it goes back to the pool. The reset is seven statements
            // (RESET ALL, CLOSE ALL, UNLISTEN *, pg_advisory_unlock_all(), …) that PostgreSQL runs before the
            // next command, each costing as much as fetching a customer by id; a request opens the connection
            // one to four times. Without them, at 1M customers on two cores: get by id 3,077–3,191 →
            // 3,529–4,205 req/s, a list page 1,313–1,443 → 1,673–1,910. What a reset would clean up, the API
            // never leaves behind: settings are SET LOCAL, temporary tables ON COMMIT DROP, the one session
            // advisory lock (an upload's) is released in a finally, and Npgsql still rolls back an open
            // transaction. "No Reset On Close=false" in the connection string turns resets back on.
            dataSourceBuilder.ConnectionStringBuilder.NoResetOnClose = true;
        }

        if (Unset("Options"))
        {
            // No JIT compilation of queries. PostgreSQL compiles a query whose estimated cost passes jit_above_cost,
            // and the estimate of a search scan with a correlated check passes it at a few hundred candidates:
            // 10–20 ms of compiling for a query that runs in 30. The API's queries are short; the import merge
            // turns it back on for its statements over a million rows (SetMerge). "Options=-c jit=on" in the
            // connection string keeps it everywhere.
            dataSourceBuilder.ConnectionStringBuilder.Options = "-c jit=off";
        }

        if (Unset("Maximum Pool Size") && Unset("Max Pool Size"))
        {
            // At most two connections per core (at least 4) instead of Npgsql's 100. With the database on the same
            // machine, every busy connection is a PostgreSQL backend wanting a core: at 16 concurrent requests on two
            // cores, 16 backends, the API and the clients time-share the cores and each statement takes several
            // times longer than it would alone. With a small pool, the other requests wait their turn in the pool
            // (first come, first served) and each statement runs at full speed. 1M customers, 16 client connections,
            // one API process per setting: 100 -> 8 gave search 336-510 -> 447-568 req/s, p95 83-95 -> 55-76 ms;
            // create 1,243 -> 1,515-1,671 req/s; list pages and get by id the same req/s, list p99 21-35 -> 17-25 ms.
            // 8 -> 4, three rounds alternated: list 1,310-2,300 -> 2,317-2,581 req/s, p99 19-38 -> 14-18 ms; get
            // 4,219-5,522 -> 5,363-5,660 req/s; create 707-885 -> 1,039-1,273 req/s; search (30 s warm-up, 4/8/8/4)
            // 576-600 vs 623-655 req/s, p95 44-45 vs 51-53 ms, p99 62 vs 89-91 ms. A request that waits past the
            // pool's Timeout (15 s) gets a 503 with Retry-After. Uploads, import merges, exports and error downloads
            // hold their connections in a pool of their own (BulkDataSource). "Maximum Pool Size=N" in the
            // connection string sets another size.
            var settings = dataSourceBuilder.ConnectionStringBuilder;
            settings.MaxPoolSize = Math.Max(settings.MinPoolSize, Math.Clamp(2 * Environment.ProcessorCount, 4, 100));
        }

        var dataSource = dataSourceBuilder.Build();
        services.AddSingleton(dataSource);
        // The same settings with a pool of its own for work that holds a connection while it runs (BulkDataSource).
        dataSourceBuilder.ConnectionStringBuilder.MinPoolSize = 0;
        dataSourceBuilder.ConnectionStringBuilder.MaxPoolSize = Math.Max(1, configuration.GetValue("Database:BulkPoolSize", BulkDataSource.Size));
        services.AddSingleton(new BulkDataSource(dataSourceBuilder.Build()));
        // And one connection for the webhook worker, which holds it while it sends (WebhookDataSource).
        dataSourceBuilder.ConnectionStringBuilder.MaxPoolSize = 1;
        services.AddSingleton(new WebhookDataSource(dataSourceBuilder.Build()));
        services.AddSingleton<AuditingInterceptor>();
        services.AddSingleton<WebhookOutboxInterceptor>();
        services.AddSingleton<SearchWordsInterceptor>();
        static void Configure(IServiceProvider sp, DbContextOptionsBuilder options, NpgsqlDataSource source) => options
            .UseNpgsql(source, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention()
            .ReplaceService<IModificationCommandBatchFactory, InsertBatchFactory>()
            // In this order: the audit interceptor stamps the timestamps that the outbox payloads carry.
            .AddInterceptors(sp.GetRequiredService<AuditingInterceptor>(), sp.GetRequiredService<WebhookOutboxInterceptor>(), sp.GetRequiredService<SearchWordsInterceptor>());
        services.AddDbContextPool<CrmDbContext>((sp, options) => Configure(sp, options, dataSource));
        services.AddScoped<ICrmDbContext>(sp => sp.GetRequiredService<CrmDbContext>());
        services.AddScoped<IInsertWriter, InsertWriter>();
        services.AddSingleton(sp =>
        {
            var options = new DbContextOptionsBuilder<CrmDbContext>();
            Configure(sp, options, sp.GetRequiredService<BulkDataSource>().DataSource);
            return new BulkDbContext.Options(options.Options);
        });
        services.AddScoped<IBulkDbContext, BulkDbContext>();
        services.AddSingleton<IPasswordHasher, PasswordHasher>();
        services.AddSingleton(TimeProvider.System);
        services.AddTransient<DatabaseInitializer>();
        foreach (var target in ImportTargets.All())
        {
            services.AddSingleton<IImportTarget>(target);
        }

        services.AddSingleton<ImportTargets>();
        services.AddSingleton<Wakeup<ImportWorker>>();
        services.AddSingleton<ImportErrors>();
        services.AddScoped<ImportReceiver>();
        services.AddSingleton(configuration.GetSection("Webhooks").Get<WebhookOptions>() ?? new WebhookOptions());
        services.AddSingleton<Wakeup<WebhookDispatcher>>();
        services.AddSingleton<WebhookDemand>();
        services.AddSingleton<WebhookSender>();
        return services;
    }
}
