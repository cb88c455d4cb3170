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
            Finished(logger, context.Request.Method, context.Request.Path.Value ?? "/", status, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "{Method} {Path} {StatusCode} in {ElapsedMilliseconds:0.0} ms")]
    private static partial void Finished(ILogger logger, string method, string path, int statusCode, double elapsedMilliseconds);
}
