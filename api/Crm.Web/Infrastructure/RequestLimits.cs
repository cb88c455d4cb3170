using Crm.Application.Common;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.AspNetCore.Mvc;

namespace Crm.Web.Infrastructure;

/// <summary>
/// Rejects bodies over the configured size with 413 before anything reads them. Kestrel enforces the same
/// limit on streamed bodies; this also covers hosts that do not (the test server, some proxies).
/// </summary>
public sealed class BodySizeLimitMiddleware(RequestDelegate next, IConfiguration configuration)
{
    private readonly long limit = configuration.GetValue("Limits:MaxRequestBodyBytes", 1L << 20);

    public async Task InvokeAsync(HttpContext context, IProblemDetailsService problems)
    {
        var feature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (context.GetEndpoint()?.Metadata.GetMetadata<UnlimitedBodyAttribute>() is not null)
        {
            // Streamed uploads (imports) are read as they arrive, never buffered: no size cap.
            if (feature is { IsReadOnly: false })
            {
                feature.MaxRequestBodySize = null;
            }

            await next(context);
            return;
        }

        if (feature is { IsReadOnly: false })
        {
            feature.MaxRequestBodySize = limit;
        }

        if (context.Request.ContentLength > limit)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new ProblemDetails
                {
                    Status = StatusCodes.Status413PayloadTooLarge,
                    Title = Texts.Get("problem.tooLarge.title"),
                    Detail = Texts.Format("problem.tooLarge.detail", ("limit", limit)),
                },
            });
            return;
        }

        await next(context);
    }
}

/// <summary>Marks an endpoint that streams its body (no size limit).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class UnlimitedBodyAttribute : Attribute;

/// <summary>Reads a JSON merge patch (RFC 7396), sent as application/merge-patch+json or as plain application/json.</summary>
public static class MergePatchBody
{
    public const string ContentType = "application/merge-patch+json";

    /// <summary>Declares the body of a PATCH: both media types, for routing (which answers 415 to any other) and for the OpenAPI document.</summary>
    public static RouteHandlerBuilder AcceptsMergePatch<TRequest>(this RouteHandlerBuilder builder)
        where TRequest : notnull =>
        builder.Accepts<TRequest>(ContentType, "application/json");

    public static async Task<System.Text.Json.JsonElement> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        var mediaType = request.ContentType?.Split(';')[0].Trim();
        if (!string.Equals(mediaType, ContentType, StringComparison.OrdinalIgnoreCase)
            && !string.Equals(mediaType, "application/json", StringComparison.OrdinalIgnoreCase))
        {
            throw new BadHttpRequestException(Texts.Get("mediaType.patch"), StatusCodes.Status415UnsupportedMediaType);
        }

        using var document = await System.Text.Json.JsonDocument.ParseAsync(request.Body, default, ct);
        JsonText.Refuse(document.RootElement);
        JsonDuplicates.Refuse(document.RootElement);
        return document.RootElement.Clone();
    }
}

/// <summary>
/// Reads a JSON body as a document, for endpoints that need more than the typed request (the batch upserts: which
/// members each item carries). Routing has already answered 415 to another media type (<c>Accepts</c>).
/// </summary>
public static class JsonBody
{
    public static async Task<System.Text.Json.JsonElement> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength == 0)
        {
            throw new BadRequestException("$", Texts.Get("field.bodyRequired"));
        }

        using var document = await System.Text.Json.JsonDocument.ParseAsync(request.Body, default, ct);
        JsonText.Refuse(document.RootElement);
        JsonDuplicates.Refuse(document.RootElement);
        return document.RootElement.Clone();
    }
}

/// <summary>
/// The detail of routing's 415, which comes without one: the media types the endpoints at this path and method accept
/// (their <see cref="IAcceptsMetadata"/>). Looked up only when a 415 is written.
/// </summary>
public static class UnsupportedMediaType
{
    public static string Detail(HttpContext http)
    {
        var request = http.Request;
        var accepted = http.RequestServices.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>() is not { } methods
                || methods.HttpMethods.Contains(request.Method, StringComparer.OrdinalIgnoreCase))
            .Where(e => new TemplateMatcher(TemplateParser.Parse(e.RoutePattern.RawText ?? string.Empty), []).TryMatch(request.Path, []))
            .SelectMany(e => e.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes ?? [])
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        var sent = string.IsNullOrEmpty(request.ContentType) ? Texts.Get("mediaType.noContentType") : request.ContentType;
        if (accepted.Count == 0)
        {
            return Texts.Format("mediaType.notTaken", ("sent", sent));
        }

        var types = string.Join($" {Texts.Get("word.or")} ", accepted);
        return string.IsNullOrEmpty(request.ContentType)
            ? Texts.Format("mediaType.missing", ("accepted", types))
            : Texts.Format("mediaType.accepted", ("accepted", types), ("sent", sent));
    }
}
