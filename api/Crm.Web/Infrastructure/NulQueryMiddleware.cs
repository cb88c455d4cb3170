using Crm.Application.Common;

namespace Crm.Web.Infrastructure;

/// <summary>
/// A query parameter holding U+0000 (<c>?q=%00</c>) is a 400 naming the parameter before any endpoint runs: PostgreSQL
/// text cannot hold the character, and an export would otherwise fail after its response had started. Costs one scan of
/// the raw query string; the parsed values are only looked at when it holds <c>%00</c> or a raw NUL.
/// </summary>
public sealed class NulQueryMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var raw = context.Request.QueryString.Value;
        if (string.IsNullOrEmpty(raw)
            || (!raw.Contains("%00", StringComparison.Ordinal) && !raw.Contains('\0', StringComparison.Ordinal))
            || Offending(context.Request.Query) is not { } name)
        {
            return next(context);
        }

        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        return context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = ProblemDetailsExceptionHandler.Validation(
                new Dictionary<string, string[]> { [name] = [NulCharacters.Message] }, Texts.Get("problem.query.detail")),
        }).AsTask();
    }

    /// <summary>The first parameter whose name or a value holds U+0000 (%2500 is a literal "%00", not one).</summary>
    private static string? Offending(IQueryCollection query)
    {
        foreach (var (name, values) in query)
        {
            if (name.Contains('\0', StringComparison.Ordinal))
            {
                return name.Replace("\0", "\\u0000", StringComparison.Ordinal);
            }

            foreach (var value in values)
            {
                if (value is not null && value.Contains('\0', StringComparison.Ordinal))
                {
                    return name;
                }
            }
        }

        return null;
    }
}
