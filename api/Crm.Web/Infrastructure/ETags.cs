using System.Globalization;
using Crm.Application.Common;
using Microsoft.Net.Http.Headers;

namespace Crm.Web.Infrastructure;

/// <summary>
/// Strong ETags from the row version (PostgreSQL xmin), and the one reading of the conditional headers that compare
/// them (RFC 9110 13.1): If-Match by strong comparison, If-None-Match by weak comparison, each a list of tags or "*".
/// </summary>
public static class ETags
{
    public static string Format(uint version) => "\"" + version.ToString(CultureInfo.InvariantCulture) + "\"";

    /// <summary>
    /// The versions an If-Match names, for <see cref="Concurrency.Check{TEntity}"/>; null when the header is absent or
    /// "*" (the resource exists, or the handler answers 404 first). Strong comparison (RFC 9110 13.1.1): a weak tag
    /// never matches, so a header that names no strong tag of ours, or cannot be read, fails the precondition.
    /// </summary>
    public static IReadOnlyCollection<uint>? IfMatch(HttpRequest request)
    {
        var header = request.Headers.IfMatch;
        if (header.Count == 0 || string.IsNullOrWhiteSpace(header.ToString()))
        {
            return null;
        }

        if (!EntityTagHeaderValue.TryParseList(header, out var tags) || tags.Count == 0)
        {
            throw new PreconditionFailedException(Texts.Get("etag.unreadable"));
        }

        if (tags.Any(IsAny))
        {
            return null;
        }

        var versions = tags.Where(t => !t.IsWeak).Select(t => Version(t.Tag)).OfType<uint>().ToArray();
        return versions.Length > 0
            ? versions
            : throw new PreconditionFailedException(Texts.Get("etag.weak"));
    }

    /// <summary>
    /// Whether the client already holds <paramref name="version"/>: If-None-Match is "*" or lists its tag, weak or
    /// strong (weak comparison, RFC 9110 13.1.2). A header that cannot be read holds nothing.
    /// </summary>
    public static bool IfNoneMatch(HttpRequest request, uint version)
    {
        var header = request.Headers.IfNoneMatch;
        if (header.Count == 0 || !EntityTagHeaderValue.TryParseList(header, out var tags))
        {
            return false;
        }

        var current = new EntityTagHeaderValue(Format(version));
        return tags.Any(t => IsAny(t) || t.Compare(current, useStrongComparison: false));
    }

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

    private static bool IsAny(EntityTagHeaderValue tag) => tag.Tag.Equals("*", StringComparison.Ordinal);

    private static uint? Version(Microsoft.Extensions.Primitives.StringSegment tag) =>
        tag.Length > 2 && uint.TryParse(tag.AsSpan(1, tag.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : null;
}
