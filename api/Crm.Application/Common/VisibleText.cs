using System.Globalization;
using System.Text;
using FluentValidation;

namespace Crm.Application.Common;

/// <summary>
/// A name must show something. FluentValidation's NotEmpty refuses whitespace only, but a zero-width space, a joiner,
/// a direction mark or a BOM is not whitespace: a name made of them was accepted and listed as a blank row.
/// </summary>
public static class VisibleText
{
    /// <summary>Whether the text has a character one can see (not whitespace, not a format or control character).</summary>
    public static bool HasVisible(string text)
    {
        foreach (var rune in text.EnumerateRunes())
        {
            if (!Rune.IsWhiteSpace(rune) && Rune.GetUnicodeCategory(rune) is not (UnicodeCategory.Format or UnicodeCategory.Control))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Refuses a text that is set and not blank but has nothing visible (blank is NotEmpty's to refuse).</summary>
    public static IRuleBuilderOptions<T, string?> Visible<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(text => string.IsNullOrWhiteSpace(text) || HasVisible(text)).WithText("validation.invisibleOnly");
}
