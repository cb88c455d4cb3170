using System.Text.Json;
using Crm.Application.Common;
using Crm.Application.Customers;
using Crm.Application.Exports;
using FluentValidation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Application;

public static class DependencyInjection
{
    /// <summary>Validators and mapping. Mediator itself is source-generated in the host (it must see every handler).</summary>
    public static IServiceCollection AddApplication(this IServiceCollection services, IConfiguration configuration)
    {
        // Messages name a field as the client sends it ('name', 'lastName'), not as C# does ('Name', 'Last Name').
        ValidatorOptions.Global.DisplayNameResolver = (_, member, _) => member is null ? null : JsonNamingPolicy.CamelCase.ConvertName(member.Name);
        ValidationTexts.Configure();
        services.AddValidatorsFromAssemblyContaining<CustomerInputValidator>(ServiceLifetime.Singleton, includeInternalTypes: true);
        services.AddSingleton(ExportLinkSettings.From(configuration));
        services.AddAutoMapper(cfg =>
        {
            // AutoMapper >= 15 is licensed (RPL-1.5 or commercial); the key is optional and only silences its log line.
            var key = configuration["AutoMapper:LicenseKey"];
            if (!string.IsNullOrWhiteSpace(key))
            {
                cfg.LicenseKey = key;
            }
        }, typeof(CustomerMappingProfile).Assembly);
        return services;
    }
}
