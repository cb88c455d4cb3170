using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Crm.Web.Infrastructure;

public static class OpenApiSetup
{
    public static IServiceCollection AddCrmOpenApi(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(o =>
        {
            o.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "CRM API",
                Version = "v1",
                Description = "One record of every party the organisation deals with and every interaction with them. "
                    + "Errors are RFC 9457 problem+json; lists use keyset pagination (`limit`, `cursor`); writes honour `If-Match`; creating POSTs accept `Idempotency-Key`.",
                License = new OpenApiLicense { Name = "MIT", Url = new Uri("https://opensource.org/licenses/MIT") },
            });
            foreach (var xml in new[] { "Crm.Contracts.xml", "Crm.Web.xml" })
            {
                var path = Path.Combine(AppContext.BaseDirectory, xml);
                if (File.Exists(path))
                {
                    o.IncludeXmlComments(path, includeControllerXmlComments: false);
                }
            }

            o.SupportNonNullableReferenceTypes();
            o.AddSecurityDefinition("bearer", new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "An access token from POST /api/v1/auth/token (or an API token).",
            });
            o.OperationFilter<AuthorizationOperationFilter>();
            o.DocumentFilter<ServersDocumentFilter>();
        });
        return services;
    }

    public static WebApplication UseCrmOpenApi(this WebApplication app)
    {
        app.UseSwagger(o => o.RouteTemplate = "openapi/{documentName}.json");
        app.UseSwaggerUI(o =>
        {
            o.SwaggerEndpoint("/openapi/v1.json", "CRM API v1");
            o.RoutePrefix = "swagger";
            o.EnablePersistAuthorization();
        });
        return app;
    }

    /// <summary>Marks secured operations with the bearer requirement and their 401/403 answers.</summary>
    private sealed class AuthorizationOperationFilter : IOperationFilter
    {
        public void Apply(OpenApiOperation operation, OperationFilterContext context)
        {
            var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
            if (metadata.OfType<IAllowAnonymous>().Any() || !metadata.OfType<IAuthorizeData>().Any())
            {
                operation.Security = [new OpenApiSecurityRequirement()]; // explicitly anonymous
                return;
            }

            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", context.Document)] = [] });
            operation.Responses ??= [];
            operation.Responses.TryAdd("401", new OpenApiResponse { Description = "Missing, invalid or expired token (problem+json)." });
            operation.Responses.TryAdd("403", new OpenApiResponse { Description = "The token's role or scope does not allow this (problem+json)." });
        }
    }

    private sealed class ServersDocumentFilter : IDocumentFilter
    {
        private static readonly Dictionary<string, string> TagDescriptions = new()
        {
            ["Auth"] = "Sign in, refresh and sign out; the signed-in user.",
            ["Customers"] = "Companies and individuals the organisation deals with: customers, prospects, leads, suppliers and partners.",
            ["Contacts"] = "People at customers.",
            ["Users"] = "Staff accounts and their roles (Admin).",
            ["Departments"] = "Departments that serve internal customers (HR, Finance, Facilities, IT, Supply chain…).",
            ["Audit"] = "Who changed what, when: every change with its fields before and after.",
        };

        public void Apply(OpenApiDocument swaggerDoc, DocumentFilterContext context)
        {
            swaggerDoc.Servers = [new OpenApiServer { Url = "/", Description = "This server" }];
            swaggerDoc.Tags = new HashSet<OpenApiTag>(TagDescriptions.Select(t => new OpenApiTag { Name = t.Key, Description = t.Value }));
        }
    }
}
