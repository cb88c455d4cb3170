using Microsoft.AspNetCore.Http.Features;

namespace Crm.Web.Infrastructure;

/// <summary>
/// Answers HEAD as GET without the body (RFC 9110 9.3.2): the same status and headers (ETag, Content-Type, a 304 for
/// If-None-Match, a 401 or 404 problem's headers). Minimal APIs' MapGet routes GET alone, so a HEAD found no endpoint;
/// routing it as a GET here, before routing, covers every GET endpoint at once and leaves the endpoints, and so the
/// OpenAPI document, as they are. Whatever the endpoint writes goes nowhere; the request is HEAD again on the way out
/// (the request log says HEAD).
/// </summary>
public sealed class HeadRequestMiddleware(RequestDelegate next)
{
    private static readonly object Marker = new();

    /// <summary>
    /// Whether this request, routed as a GET, is a HEAD: for an endpoint whose body is costly to make (an export) and
    /// that answers the headers alone instead. Every other endpoint just writes to nowhere.
    /// </summary>
    public static bool IsHead(HttpContext context) => context.Items.ContainsKey(Marker);

    public async Task InvokeAsync(HttpContext context)
    {
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await next(context);
            return;
        }

        var body = context.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
        context.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(Stream.Null, body));
        context.Request.Method = HttpMethods.Get;
        context.Items[Marker] = true;
        try
        {
            await next(context);
        }
        finally
        {
            context.Request.Method = HttpMethods.Head;
            context.Items.Remove(Marker);
            context.Features.Set(body);
        }
    }
}
