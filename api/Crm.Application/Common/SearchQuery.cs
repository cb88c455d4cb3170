using Crm.Domain.Common;

namespace Crm.Application.Common;

/// <summary>Prepares <c>?q=</c>: folded like the stored search text (case and accents dropped), LIKE wildcards escaped.</summary>
public static class SearchQuery
{
    public const int MaxLength = 200;

    public static (string Folded, string LikePattern)? Prepare(string? q)
    {
        var folded = SearchText.Fold(q);
        if (folded.Length == 0)
        {
            return null;
        }

        return (folded, "%" + EscapeLike(folded) + "%");
    }

    /// <summary>Escapes LIKE wildcards (escape character: backslash).</summary>
    public static string EscapeLike(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal);
}
