using Crm.Application.Common;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Crm.Web.Infrastructure;

/// <summary>
/// A request line or headers over the limits are a 414 or 431 problem+json, as every other refusal is. Kestrel refuses
/// them itself while it parses the request, before any middleware runs, with an empty body and no way to give it one.
/// So Kestrel's limits are set at twice the API's (<see cref="RaiseKestrelLimits"/>) and the API's, Kestrel's defaults
/// (what the API always took), are checked here, where the answer can be a problem: a request between the two gets
/// the problem, one past Kestrel's still gets Kestrel's empty answer. Sizes are counted as Kestrel counts them on the
/// wire: the request line with its CRLF, and each header line (<c>Name:value</c> and CRLF, without the optional
/// spaces, so that nothing Kestrel took before is refused now).
/// </summary>
public sealed class RequestHeadLimitMiddleware(RequestDelegate next)
{
    /// <summary>Kestrel's default <see cref="KestrelServerLimits.MaxRequestLineSize"/>.</summary>
    public const int MaxRequestLineBytes = 8 * 1024;

    /// <summary>Kestrel's default <see cref="KestrelServerLimits.MaxRequestHeadersTotalSize"/>.</summary>
    public const int MaxHeadersBytes = 32 * 1024;

    /// <summary>Kestrel's default <see cref="KestrelServerLimits.MaxRequestHeaderCount"/>.</summary>
    public const int MaxHeaderCount = 100;

    public static void RaiseKestrelLimits(KestrelServerLimits limits)
    {
        limits.MaxRequestLineSize = 2 * MaxRequestLineBytes;
        limits.MaxRequestHeadersTotalSize = 2 * MaxHeadersBytes;
        limits.MaxRequestHeaderCount = 2 * MaxHeaderCount;
    }

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget is { Length: > 0 } raw ? raw : request.GetEncodedPathAndQuery(); // no raw target: the test server
        var line = request.Method.Length + 1 + target.Length + 1 + request.Protocol.Length + 2;
        if (line > MaxRequestLineBytes)
        {
            return RefuseAsync(context, StatusCodes.Status414UriTooLong, "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.15",
                "problem.uriTooLong.title", Texts.Format("problem.uriTooLong.detail", ("limit", MaxRequestLineBytes), ("size", line)));
        }

        long total = 0;
        var count = 0;
        var largest = (Name: string.Empty, Bytes: 0L);
        foreach (var (name, values) in request.Headers)
        {
            foreach (var value in values)
            {
                var bytes = name.Length + 1L + (value?.Length ?? 0) + 2; // Name:value and CRLF, the fewest it took on the wire
                total += bytes;
                count++;
                if (bytes > largest.Bytes)
                {
                    largest = (name, bytes);
                }
            }
        }

        if (total > MaxHeadersBytes)
        {
            return RefuseAsync(context, StatusCodes.Status431RequestHeaderFieldsTooLarge, "https://www.rfc-editor.org/rfc/rfc6585#section-5", "problem.headersTooLarge.title",
                Texts.Format("problem.headersTooLarge.detail", ("limit", MaxHeadersBytes), ("size", total), ("header", largest.Name), ("headerSize", largest.Bytes)));
        }

        if (count > MaxHeaderCount)
        {
            return RefuseAsync(context, StatusCodes.Status431RequestHeaderFieldsTooLarge, "https://www.rfc-editor.org/rfc/rfc6585#section-5", "problem.headersTooLarge.title",
                Texts.Format("problem.tooManyHeaders.detail", ("limit", MaxHeaderCount), ("count", count)));
        }

        return next(context);
    }

    private static Task RefuseAsync(HttpContext context, int status, string type, string title, string detail)
    {
        context.Response.StatusCode = status;
        return context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Type = type, Title = Texts.Get(title), Detail = detail },
        }).AsTask();
    }
}
