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
    /// <summary>
    /// The search form of <paramref name="value"/>: lower case, without accents, compatibility forms as their plain
    /// letters ("ﬁ" is "fi", fullwidth "Ｃａｆé" is "cafe"), without format characters (soft hyphen, zero-width space
    /// and joiners, BOM), spaces collapsed, and a Catalan l·l typed with a period ("Cel.lers") joined as l·l is
    /// ("cellers"; see <see cref="JoinCatalanL"/>).
    /// </summary>
    public static string Fold(string? value) => JoinCatalanL(FoldAsTyped(value));

    /// <summary>
    /// <see cref="Fold"/> without joining a period between two l's: a query folds so, since "mail.lu" may be a web
    /// address as typed as well as a word, and looks for both (SearchQuery).
    /// </summary>
    public static string FoldAsTyped(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return string.Empty;
        }

        var decomposed = UnicodeText.Normalize(value, NormalizationForm.FormD);
        // Compatibility forms (ligatures, fullwidth and mathematical letters, ordinals, ...) are decomposed one by one,
        // only when the text holds one: NFKD of the whole text would also split ŀ into l and the middle dot before
        // the rule for ŀ below could see it.
        var compatibility = !decomposed.IsNormalized(NormalizationForm.FormKD);
        var sb = new StringBuilder(decomposed.Length);
        var lastWasSpace = false;
        foreach (var rune in decomposed.EnumerateRunes())
        {
            if (compatibility && rune.Value >= 0x80 && rune.Value is not ('ŀ' or 'Ŀ'))
            {
                var plain = rune.ToString().Normalize(NormalizationForm.FormKD);
                foreach (var ch in plain)
                {
                    Append(sb, ch, ref lastWasSpace);
                }
            }
            else if (rune.IsBmp)
            {
                Append(sb, (char)rune.Value, ref lastWasSpace);
            }
            else
            {
                // Outside the BMP (emoji, historic scripts) as before: kept as it is.
                lastWasSpace = false;
                sb.Append(rune.ToString());
            }
        }

        return sb.ToString().TrimEnd().Normalize(NormalizationForm.FormC);
    }

    private static void Append(StringBuilder sb, char ch, ref bool lastWasSpace)
    {
        var category = CharUnicodeInfo.GetUnicodeCategory(ch);
        // Format characters are invisible: a soft hyphen or a zero-width space inside a word leaves one word.
        if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark
            or UnicodeCategory.Format)
        {
            return;
        }

        if (char.IsWhiteSpace(ch))
        {
            if (!lastWasSpace && sb.Length > 0)
            {
                sb.Append(' ');
            }

            lastWasSpace = true;
            return;
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

    /// <summary>
    /// Drops the period of "l.l" between letters, which Catalan writers type for the middle dot of l·l ("Cel.lers",
    /// "col.legi"), so that it folds as l·l does. Not inside e-mail and web addresses (words with '@', ':' or '/'),
    /// whose periods separate their parts: "paul.lewis@example.com" keeps its words paul and lewis.
    /// </summary>
    public static string JoinCatalanL(string folded)
    {
        if (!folded.Contains("l.l", StringComparison.Ordinal))
        {
            return folded;
        }

        var sb = new StringBuilder(folded.Length);
        var start = 0;
        while (start < folded.Length)
        {
            var end = folded.IndexOf(' ', start);
            end = end < 0 ? folded.Length : end;
            var word = folded.AsSpan(start, end - start);
            if (word.IndexOfAny(AddressMarks) >= 0)
            {
                sb.Append(word);
            }
            else
            {
                for (var i = 0; i < word.Length; i++)
                {
                    var joined = word[i] == '.' && i >= 2 && i + 2 < word.Length
                        && word[i - 1] == 'l' && word[i + 1] == 'l' && char.IsLetter(word[i - 2]) && char.IsLetter(word[i + 2]);
                    if (!joined)
                    {
                        sb.Append(word[i]);
                    }
                }
            }

            if (end < folded.Length)
            {
                sb.Append(' ');
            }

            start = end + 1;
        }

        return sb.ToString();
    }

    private static readonly SearchValues<char> AddressMarks = SearchValues.Create("@:/");

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
