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
/// (<c>/api/v1/exports/downloads/***</c>), so that whoever reads the logs cannot download the file. The request log,
/// the exception handler and the console logger's request scope (<c>RequestPath</c>, set by ASP.NET Core before any
/// middleware runs) all write it this way.
/// </summary>
public static class LoggedPath
{
    private const string Downloads = "/api/v1/exports/downloads/";
    private const string Redacted = Downloads + "***";

    public static string Of(HttpRequest request) => Redact(request.Path.Value ?? "/");

    public static string Redact(string path) =>
        path.StartsWith(Downloads, StringComparison.OrdinalIgnoreCase) && path.Length > Downloads.Length ? Redacted : path;

    /// <summary>A log scope as it may be written: one whose <c>RequestPath</c> holds a token is copied without it; any other is itself.</summary>
    public static object? RedactScope(object? scope)
    {
        if (scope is not IReadOnlyList<KeyValuePair<string, object?>> values)
        {
            return scope;
        }

        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] is { Key: "RequestPath", Value: string path } && Redact(path) is var redacted && !ReferenceEquals(redacted, path))
            {
                var copy = values.ToArray();
                copy[i] = new(copy[i].Key, redacted);
                return new RedactedScope(copy, scope.ToString()?.Replace(path, redacted, StringComparison.Ordinal));
            }
        }

        return scope;
    }

    /// <summary>The copy of a scope: its values, and its message as the JSON formatter writes it (ToString).</summary>
    private sealed class RedactedScope(KeyValuePair<string, object?>[] values, string? message) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public int Count => values.Length;

        public KeyValuePair<string, object?> this[int index] => values[index];

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)values).GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public override string? ToString() => message;
    }
}
