using System.Diagnostics;

namespace Crm.Web.Infrastructure;

/// <summary>
/// One log line per request, written when it ends: method, path, status and elapsed time (the scope adds
/// the trace id). Replaces ASP.NET Core's start and finish lines, halving the log volume under load.
/// </summary>
public sealed partial class RequestLogMiddleware(RequestDelegate next, ILogger<RequestLogMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            var status = context.RequestAborted.IsCancellationRequested && !context.Response.HasStarted ? 499 : context.Response.StatusCode;
            Finished(logger, context.Request.Method, LoggedPath.Of(context.Request), status, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "{Method} {Path} {StatusCode} in {ElapsedMilliseconds:0.0} ms")]
    private static partial void Finished(ILogger logger, string method, string path, int statusCode, double elapsedMilliseconds);
}

/// <summary>
/// A request's path as logs may hold it: a download link's path is its secret token, which is written redacted
/// (<c>/api/v1/exports/downloads/***</c>), so that whoever reads the logs cannot download the file.
/// </summary>
public static class LoggedPath
{
    private const string Downloads = "/api/v1/exports/downloads/";

    public static string Of(HttpRequest request)
    {
        var path = request.Path.Value ?? "/";
        return path.StartsWith(Downloads, StringComparison.OrdinalIgnoreCase) && path.Length > Downloads.Length
            ? string.Concat(path.AsSpan(0, Downloads.Length), "***")
            : path;
    }
}
