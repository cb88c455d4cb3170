using Microsoft.AspNetCore.Mvc;

namespace Crm.Web.Infrastructure;

/// <summary>Writes a problem+json answer from outside an endpoint (authentication, rate limiting), as the exception handler would.</summary>
public static class Problems
{
    public static Task WriteAsync(HttpContext http, int status, string title, string detail)
    {
        http.Response.StatusCode = status;
        return http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        }).AsTask();
    }
}
