using System.Text.Json;

namespace Crm.Application.Common;

/// <summary>Turns validator property paths into the field names clients send (camelCase, dotted, indexed).</summary>
public static class FieldNames
{
    /// <summary>
    /// <c>Input.Address.Country</c> → <c>address.country</c>, <c>Tags[0]</c> → <c>tags[0]</c>. Requests wrap
    /// the wire body in <c>Input</c> or <c>Filter</c>; those wrappers are not part of the client's path.
    /// </summary>
    public static string FromPropertyPath(string propertyPath)
    {
        var path = propertyPath;
        foreach (var wrapper in (string[])["Input.", "Filter."])
        {
            if (path.StartsWith(wrapper, StringComparison.Ordinal))
            {
                path = path[wrapper.Length..];
            }
        }

        if (path.Length == 0)
        {
            return "$";
        }

        return string.Join('.', path.Split('.').Select(segment =>
        {
            var bracket = segment.IndexOf('[', StringComparison.Ordinal);
            return bracket < 0
                ? JsonNamingPolicy.CamelCase.ConvertName(segment)
                : JsonNamingPolicy.CamelCase.ConvertName(segment[..bracket]) + segment[bracket..];
        }));
    }
}
