using System.Text;

namespace Crm.Domain.Common;

/// <summary>Unicode normalisation that any text a client sends can go through.</summary>
public static class UnicodeText
{
    /// <summary>
    /// U+FFFE, a byte-order mark read the wrong way round: an artefact of encoding, never part of a name, and the one
    /// valid code point .NET refuses to normalise (an ArgumentException, which was a 500).
    /// </summary>
    public const char ReversedByteOrderMark = '\uFFFE';

    /// <summary><paramref name="value"/> in NFC (a name sent decomposed, e + U+0301, is the same name typed composed), without U+FFFE.</summary>
    public static string Nfc(string value) => Normalize(value, NormalizationForm.FormC);

    /// <summary><paramref name="value"/> in <paramref name="form"/>, without U+FFFE.</summary>
    public static string Normalize(string value, NormalizationForm form) =>
        (value.Contains(ReversedByteOrderMark, StringComparison.Ordinal) ? value.Replace(ReversedByteOrderMark.ToString(), string.Empty, StringComparison.Ordinal) : value).Normalize(form);
}
