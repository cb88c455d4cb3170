using Microsoft.AspNetCore.Http.Features;
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
                    Title = "The request body is too large.",
                    Detail = $"Bodies are limited to {limit} bytes.",
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

/// <summary>Reads an application/merge-patch+json body (RFC 7396).</summary>
public static class MergePatchBody
{
    public const string ContentType = "application/merge-patch+json";

    public static async Task<System.Text.Json.JsonElement> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        var mediaType = request.ContentType?.Split(';')[0].Trim();
        if (!string.Equals(mediaType, ContentType, StringComparison.OrdinalIgnoreCase)
            && !string.Equals(mediaType, "application/json", StringComparison.OrdinalIgnoreCase))
        {
            throw new BadHttpRequestException("Send the patch as application/merge-patch+json.", StatusCodes.Status415UnsupportedMediaType);
        }

        using var document = await System.Text.Json.JsonDocument.ParseAsync(request.Body, default, ct);
        return document.RootElement.Clone();
    }
}
