using System.Globalization;
using Crm.Application.Common;

namespace Crm.Web.Infrastructure;

/// <summary>Strong ETags from the row version (PostgreSQL xmin).</summary>
public static class ETags
{
    public static string Format(uint version) => "\"" + version.ToString(CultureInfo.InvariantCulture) + "\"";

    /// <summary>
    /// The version an If-Match asks for; null when the header is absent or "*". A weak or malformed
    /// validator can never match a strong ETag, so it fails the precondition (RFC 9110 13.1.1).
    /// </summary>
    public static uint? IfMatch(HttpRequest request)
    {
        var header = request.Headers.IfMatch.ToString().Trim();
        if (header.Length == 0 || header == "*")
        {
            return null;
        }

        if (header.Length > 2 && header[0] == '"' && header[^1] == '"'
            && uint.TryParse(header.AsSpan(1, header.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return version;
        }

        throw new PreconditionFailedException("If-Match must be the strong ETag returned by a GET or write of this resource.");
    }

    public static bool IfNoneMatch(HttpRequest request, uint version) =>
        request.Headers.IfNoneMatch.ToString().Split(',').Select(v => v.Trim()).Contains(Format(version));

    /// <summary>200 with the ETag header, or 304 when the client already holds this version.</summary>
    public static IResult Ok<T>(HttpContext context, Versioned<T> versioned)
    {
        context.Response.Headers.ETag = Format(versioned.Version);
        return IfNoneMatch(context.Request, versioned.Version) ? TypedResults.StatusCode(StatusCodes.Status304NotModified) : TypedResults.Ok(versioned.Value);
    }

    public static IResult Created<T>(HttpContext context, string location, Versioned<T> versioned)
    {
        context.Response.Headers.ETag = Format(versioned.Version);
        return TypedResults.Created(location, versioned.Value);
    }
}
