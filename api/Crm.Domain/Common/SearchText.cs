using System.Buffers;
using System.Globalization;
using System.Text;

namespace Crm.Domain.Common;

/// <summary>
/// Folds text for case- and accent-insensitive search in every script the product serves
/// (Latin incl. Polish and Catalan, Greek). Done in code rather than with PostgreSQL's
/// <c>unaccent</c>/<c>lower</c> so the result does not depend on the cluster's locale.
/// </summary>
public static class SearchText
{
    public static string Fold(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return string.Empty;
        }

        var decomposed = value.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        var lastWasSpace = false;
        foreach (var ch in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(ch);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
            {
                continue;
            }

            if (char.IsWhiteSpace(ch))
            {
                if (!lastWasSpace && sb.Length > 0)
                {
                    sb.Append(' ');
                }

                lastWasSpace = true;
                continue;
            }

            lastWasSpace = false;
            var lower = char.ToLowerInvariant(ch);
            switch (lower)
            {
                // Letters that carry their diacritic in the base code point, so FormD leaves them whole.
                case 'ł': sb.Append('l'); break;
                case 'đ': sb.Append('d'); break;
                case 'ø': sb.Append('o'); break;
                case 'ħ': sb.Append('h'); break;
                case 'ı': sb.Append('i'); break;
                case 'æ': sb.Append("ae"); break;
                case 'œ': sb.Append("oe"); break;
                case 'ß': sb.Append("ss"); break;
                case 'þ': sb.Append("th"); break;
                case 'ς': sb.Append('σ'); break; // Greek final sigma
                case '·': break; // Catalan middle dot (l·l)
                // Catalan ŀ (and Ŀ, lower-cased above) is l with the middle dot in one code point: coŀlegi is col·legi.
                // Typed where only the dot belongs (colŀlegi, l + ŀ + l) it stands for the dot: nothing after an l.
                case 'ŀ':
                    if (sb.Length == 0 || sb[sb.Length - 1] != 'l')
                    {
                        sb.Append('l');
                    }

                    break;
                default: sb.Append(lower); break;
            }
        }

        return sb.ToString().TrimEnd().Normalize(NormalizationForm.FormC);
    }

    /// <summary>
    /// The words of folded search text that search corrects misspellings against (the <c>search_words</c>
    /// list): split on spaces, hyphens, apostrophes and the punctuation around words; 3–50 characters; tokens
    /// with digits or the marks of e-mails, web addresses, phones and ids (<c>@ . / : + _</c>) left out. The
    /// import merge and the migration split the same way in SQL.
    /// </summary>
    public static IEnumerable<string> Words(string? searchText)
    {
        if (string.IsNullOrEmpty(searchText))
        {
            yield break;
        }

        foreach (var token in searchText.Split(WordSeparators, StringSplitOptions.RemoveEmptyEntries))
        {
            if (token.Length is >= 3 and <= 50 && token.AsSpan().IndexOfAny(NotInWords) < 0)
            {
                yield return token;
            }
        }
    }

    private static readonly char[] WordSeparators = [' ', '-', '\'', ',', ';', '(', ')', '&', '"', '!', '?'];

    private static readonly SearchValues<char> NotInWords = SearchValues.Create("0123456789@./:+_");

    /// <summary>Joins the searchable fields of a record into one folded string.</summary>
    public static string Build(params string?[] parts) =>
        string.Join(' ', parts.Select(Fold).Where(p => p.Length > 0));
}

/// <summary>A record found by <c>?q=</c>: it keeps its searchable fields folded into <see cref="SearchText"/>.</summary>
public interface ISearchable
{
    string SearchText { get; }
}
