using Crm.Application.Common;
using Crm.Application.Webhooks;
using Crm.Infrastructure.Identity;
using Crm.Infrastructure.Imports;
using Crm.Infrastructure.Persistence;
using Crm.Infrastructure.Webhooks;
using Microsoft.EntityFrameworkCore;
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
        if (!connectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase)
            && !connectionString.Contains("AutoPrepare", StringComparison.OrdinalIgnoreCase))
        {
            // Statements a connection runs repeatedly are prepared on it: PostgreSQL then skips parsing and
            // planning them (get by id: +20 % req/s at 1M customers). "Max Auto Prepare=0" switches it off.
            dataSourceBuilder.ConnectionStringBuilder.MaxAutoPrepare = 64;
        }

        var dataSource = dataSourceBuilder.Build();
        services.AddSingleton(dataSource);
        services.AddSingleton<AuditingInterceptor>();
        services.AddSingleton<WebhookOutboxInterceptor>();
        services.AddSingleton<SearchWordsInterceptor>();
        services.AddDbContextPool<CrmDbContext>((sp, options) => options
            .UseNpgsql(dataSource, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention()
            // In this order: the audit interceptor stamps the timestamps that the outbox payloads carry.
            .AddInterceptors(sp.GetRequiredService<AuditingInterceptor>(), sp.GetRequiredService<WebhookOutboxInterceptor>(), sp.GetRequiredService<SearchWordsInterceptor>()));
        services.AddScoped<ICrmDbContext>(sp => sp.GetRequiredService<CrmDbContext>());
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
        services.AddSingleton<WebhookSender>();
        return services;
    }
}
