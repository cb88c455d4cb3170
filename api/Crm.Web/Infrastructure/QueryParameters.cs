using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Text.Json;
using Crm.Application.Common;
using Microsoft.AspNetCore.Http.Metadata;

namespace Crm.Web.Infrastructure;

/// <summary>
/// A query parameter the endpoint does not take is a 400 naming it, with the parameters it takes, as an unknown JSON
/// field is: minimal APIs ignore the rest of the query string, so <c>GET /audit?action=deleted</c> or a misspelt
/// <c>?onwer=</c> answered everything and the script that sent it believed it had filtered. Runs after authorization (a
/// caller who may not use the address learns nothing of it) and before the idempotency middleware (a refused request
/// does not use its key up). Names compare ignoring case, as binding does; a parameter may be repeated where binding
/// takes it. Only addresses under <c>/api/</c> are checked: the health checks, the OpenAPI document, Swagger UI and
/// the web app's pages take whatever a probe or a browser adds, and an <c>/api</c> address that does not exist stays a
/// 404 (<see cref="TakesAnyQueryMetadata"/>).
/// </summary>
public sealed class QueryParameterMiddleware(RequestDelegate next)
{
    // Worked out once per endpoint from its handler's parameters; a request costs a lookup and a loop over its keys.
    private readonly ConcurrentDictionary<Endpoint, QueryParameters> taken = new();

    public Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.QueryString.HasValue || context.GetEndpoint() is not { } endpoint)
        {
            return next(context);
        }

        var parameters = taken.GetOrAdd(endpoint, QueryParameters.Of);
        if (parameters.Any)
        {
            return next(context);
        }

        Dictionary<string, string[]>? unknown = null;
        foreach (var (name, _) in context.Request.Query)
        {
            if (name.Length > 0 && !parameters.Names.Contains(name))
            {
                unknown ??= [];
                unknown[name] = [parameters.Message()];
            }
        }

        if (unknown is null)
        {
            return next(context);
        }

        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        return context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = ProblemDetailsExceptionHandler.Validation(unknown, Texts.Get("problem.unknownQuery.detail")),
        }).AsTask();
    }
}

/// <summary>
/// The query parameters an endpoint takes: those its handler binds from the query string (declared, <c>[FromQuery]</c>,
/// or properties of an <c>[AsParameters]</c> type), and those it reads by hand and declares with
/// <see cref="QueryParameterConventions.TakesQuery{TBuilder}"/>.
/// </summary>
public sealed class QueryParameters
{
    private static readonly QueryParameters Unchecked = new([], any: true);

    private QueryParameters(IReadOnlyList<string> names, bool any)
    {
        Listed = names;
        Names = names.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
        Any = any;
    }

    /// <summary>Whether every parameter is let through: the address is not checked.</summary>
    public bool Any { get; }

    public FrozenSet<string> Names { get; }

    /// <summary>In the order the handler declares them, for the message.</summary>
    public IReadOnlyList<string> Listed { get; }

    public string Message() => Listed.Count == 0
        ? Texts.Get("query.none")
        : Texts.Format("query.unknown", ("parameters", string.Join(", ", Listed)));

    public static QueryParameters Of(Endpoint endpoint)
    {
        if (endpoint is not RouteEndpoint route
            || route.RoutePattern.RawText?.StartsWith("/api/", StringComparison.OrdinalIgnoreCase) != true
            || endpoint.Metadata.GetMetadata<TakesAnyQueryMetadata>() is not null)
        {
            return Unchecked;
        }

        var names = new List<string>();
        foreach (var parameter in endpoint.Metadata.GetOrderedMetadata<IParameterBindingMetadata>())
        {
            if (FromQuery(parameter, route) is { } name && !names.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                names.Add(name);
            }
        }

        foreach (var declared in endpoint.Metadata.GetOrderedMetadata<TakesQueryMetadata>())
        {
            names.AddRange(declared.Names.Where(n => !names.Contains(n, StringComparer.OrdinalIgnoreCase)));
        }

        return new QueryParameters(names, any: false);
    }

    /// <summary>
    /// The query string's name for a handler parameter bound from it, as the request delegate factory binds: an explicit
    /// <c>[FromQuery]</c>, else a string, parsable value or array of them that is not a route value. Other sources
    /// (route, header, body, form, services, BindAsync, HttpContext and the like) have no query name.
    /// </summary>
    private static string? FromQuery(IParameterBindingMetadata parameter, RouteEndpoint route)
    {
        var attributes = parameter.ParameterInfo.GetCustomAttributes(inherit: true);
        if (attributes.OfType<IFromQueryMetadata>().FirstOrDefault() is { } fromQuery)
        {
            return fromQuery.Name ?? CamelCase(parameter.Name);
        }

        if (!parameter.HasTryParse
            || attributes.Any(a => a is IFromRouteMetadata or IFromHeaderMetadata or IFromBodyMetadata or IFromFormMetadata or IFromServiceMetadata or FromKeyedServicesAttribute)
            || route.RoutePattern.GetParameter(parameter.Name) is not null)
        {
            return null;
        }

        return CamelCase(parameter.Name);
    }

    // An [AsParameters] type's properties bind by their C# names (Limit), ignoring case; the message says them as the
    // rest of the API is written (limit).
    private static string CamelCase(string name) => JsonNamingPolicy.CamelCase.ConvertName(name);
}

/// <summary>Query parameters an endpoint reads by hand (from <c>HttpContext.Request.Query</c>), which its handler's signature does not show.</summary>
public sealed class TakesQueryMetadata(params string[] names)
{
    public IReadOnlyList<string> Names { get; } = names;
}

/// <summary>An endpoint under /api that takes any query parameter (the catch-all 404, whose answer is that the address does not exist).</summary>
public sealed class TakesAnyQueryMetadata;

public static class QueryParameterConventions
{
    /// <summary>Declares query parameters the endpoint reads by hand, so that they are not refused as unknown.</summary>
    public static TBuilder TakesQuery<TBuilder>(this TBuilder builder, params string[] names)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new TakesQueryMetadata(names));

    /// <summary>Lets any query parameter through to the endpoint.</summary>
    public static TBuilder TakesAnyQuery<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new TakesAnyQueryMetadata());
}
