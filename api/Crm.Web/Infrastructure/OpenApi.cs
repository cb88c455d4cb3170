using Crm.Application.Common;
using Crm.Domain.CustomFields;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
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
            o.NonNullableReferenceTypesAsRequired(); // responses: always-present fields are `required`
            o.UseAllOfToExtendReferenceSchemas(); // nullable references (address, lifecycleStage) say so
            o.OperationFilter<HeadersOperationFilter>();
            o.SchemaFilter<RequestBodiesHaveDefaultsFilter>();
            o.AddSecurityDefinition("bearer", new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "An access token from POST /api/v1/auth/token (or an API token).",
            });
            o.OperationFilter<AuthorizationOperationFilter>();
            o.DocumentFilter<ServersDocumentFilter>();
            o.DocumentFilter<CustomFieldsDocumentFilter>();
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

    /// <summary>
    /// Request bodies: a missing field takes its default (and merge-patch bodies are partial by nature),
    /// so no field is schema-required there; the validators answer with a 400 naming what is missing.
    /// </summary>
    private sealed class RequestBodiesHaveDefaultsFilter : ISchemaFilter
    {
        public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
        {
            if (schema is OpenApiSchema concrete && (context.Type.Name.EndsWith("Input", StringComparison.Ordinal) || context.Type.Name.EndsWith("Request", StringComparison.Ordinal)))
            {
                concrete.Required?.Clear();
            }
        }
    }

    /// <summary>Documents the Idempotency-Key, If-Match and If-None-Match headers where they apply.</summary>
    private sealed class HeadersOperationFilter : IOperationFilter
    {
        public void Apply(OpenApiOperation operation, OperationFilterContext context)
        {
            var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
            var method = context.ApiDescription.HttpMethod?.ToUpperInvariant() ?? string.Empty;
            var path = context.ApiDescription.RelativePath ?? string.Empty;
            var hasId = path.Contains("{id", StringComparison.Ordinal); // "{id}" or "{id:guid}"
            var isWrite = method is "PUT" or "PATCH" or "DELETE";
            operation.Parameters ??= [];
            if (metadata.OfType<IdempotentAttribute>().Any())
            {
                operation.Parameters.Add(Header("Idempotency-Key", "Makes the create safe to retry: a repeat with the same key and body replays the first response; another body is a 422. Keys live 24 h."));
            }

            if (hasId && isWrite && !path.StartsWith("api/v1/api-tokens", StringComparison.Ordinal))
            {
                operation.Parameters.Add(Header("If-Match", "The ETag you read (or a comma-separated list of ETags, or `*`); when none is current it is a 412 and nothing changes. Compared strongly: a weak `W/` tag never matches."));
            }

            if (hasId && method == "GET" && path.EndsWith('}'))
            {
                operation.Parameters.Add(Header("If-None-Match", "The ETag you hold (or a comma-separated list of ETags, `W/` forms too, or `*`); 304 with no body when one is still current."));
            }
        }

        private static OpenApiParameter Header(string name, string description) => new()
        {
            Name = name,
            In = ParameterLocation.Header,
            Required = false,
            Description = description,
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 200 },
        };
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
            ["API tokens"] = "Long-lived, scoped tokens for partner systems and scripts.",
            ["Exports"] = "Streamed CSV and JSON exports with the lists' filters.",
            ["Custom fields"] = "Extra fields Admins define for customers and contacts; values live in each record's customFields.",
            ["Imports"] = "Bulk imports of customers and contacts from CSV or JSON, streamed, validated and merged in one transaction.",
            ["Webhooks"] = "Subscriptions that POST signed events to partner systems, with retries, a delivery log and replay.",
        };

        public void Apply(OpenApiDocument swaggerDoc, DocumentFilterContext context)
        {
            // OpenAPI 3.0 wants a `type` beside `nullable`: give nullable references (allOf: [$ref]) the type they point to.
            foreach (var schema in swaggerDoc.Components?.Schemas?.Values ?? [])
            {
                foreach (var property in schema.Properties?.Values.OfType<OpenApiSchema>() ?? [])
                {
                    if (property.AllOf is [OpenApiSchemaReference reference] && property.Type == JsonSchemaType.Null
                        && swaggerDoc.Components!.Schemas!.TryGetValue(reference.Reference.Id!, out var target))
                    {
                        property.Type = target.Type | JsonSchemaType.Null;
                    }
                }
            }

            swaggerDoc.Servers = [new OpenApiServer { Url = "/", Description = "This server" }];
            swaggerDoc.Tags = new HashSet<OpenApiTag>(TagDescriptions.Select(t => new OpenApiTag { Name = t.Key, Description = t.Value }));
        }
    }

    /// <summary>
    /// Swagger UI's live document names the custom fields defined right now in the descriptions of the
    /// <c>customFields</c> properties (the build-time document, made without a database, only says where to look), for a
    /// request whose bearer may read them (GET /custom-fields' policy). The document itself is public: it used to show
    /// every key, label and choice to anyone, where GET /custom-fields refuses Employees and tokens without the scope.
    /// </summary>
    private sealed class CustomFieldsDocumentFilter(
        IServiceScopeFactory scopes, IHostEnvironment environment, IHttpContextAccessor http, IAuthorizationService authorization) : IDocumentFilter
    {
        public void Apply(OpenApiDocument swaggerDoc, DocumentFilterContext context)
        {
            if (environment.IsEnvironment("OpenApi") || swaggerDoc.Components?.Schemas is not { } schemas)
            {
                return;
            }

            // The document is served before the authentication middleware runs: the bearer is read here.
            if (http.HttpContext?.AuthenticateAsync().GetAwaiter().GetResult() is not { Succeeded: true, Principal: { } user }
                || !authorization.AuthorizeAsync(user, Auth.Policies.CustomersRead).GetAwaiter().GetResult().Succeeded)
            {
                return;
            }

            List<CustomFieldDefinition> fields;
            try
            {
                using var scope = scopes.CreateScope();
                fields = [.. scope.ServiceProvider.GetRequiredService<ICrmDbContext>().CustomFields.AsNoTracking().OrderBy(f => f.Key)];
            }
            catch (Exception e) when (e is Npgsql.NpgsqlException or InvalidOperationException or TimeoutException)
            {
                return; // the document still renders while the database is away
            }

            foreach (var (schema, entity) in new[]
            {
                ("CustomerInput", CustomFieldEntity.Customers), ("CustomerResponse", CustomFieldEntity.Customers),
                ("ContactInput", CustomFieldEntity.Contacts), ("ContactResponse", CustomFieldEntity.Contacts),
            })
            {
                if (schemas.TryGetValue(schema, out var s) && s.Properties?.TryGetValue("customFields", out var p) == true && p is OpenApiSchema property)
                {
                    var defined = fields.Where(f => f.Entity == entity).Select(Describe).ToList();
                    property.Description += defined.Count == 0
                        ? " No custom fields are defined yet."
                        : " Defined now: " + string.Join("; ", defined) + ".";
                }
            }
        }

        private static string Describe(CustomFieldDefinition f) =>
            $"`{f.Key}` ({f.Label}: {System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(f.Type.ToString())}"
            + (f.Options.Count > 0 ? $" of {string.Join(", ", f.Options.Take(20))}{(f.Options.Count > 20 ? ", …" : string.Empty)}" : string.Empty) + ")";
    }
}
