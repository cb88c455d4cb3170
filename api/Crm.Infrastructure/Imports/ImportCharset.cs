using System.Text;

namespace Crm.Infrastructure.Imports;

/// <summary>
/// The character set a CSV file was declared in (its Content-Type's <c>charset</c>, or the <c>charset</c> query parameter),
/// when it is not UTF-8: Excel saves "CSV" in the system's ANSI code page (windows-1250 in Poland, windows-1253 in Greece,
/// windows-1252 in Portugal and Catalonia). Only single-byte character sets that keep ASCII as it is are read, so line
/// breaks, delimiters and quotes are the bytes they are in UTF-8 and the lines of rejected rows stay the file's own.
/// Labels follow the WHATWG Encoding Standard, as browsers read them: iso-8859-1, latin1 and us-ascii mean windows-1252.
/// </summary>
public sealed class ImportCharset
{
    private readonly bool[] undefined;

    static ImportCharset() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private ImportCharset(string name, Encoding encoding, bool[] undefined)
    {
        Name = name;
        Encoding = encoding;
        this.undefined = undefined;
    }

    /// <summary>The character set's name as it is registered (<c>windows-1250</c>, <c>iso-8859-7</c>).</summary>
    public string Name { get; }

    /// <summary>Decodes the file; <see cref="LineCountingStream"/> refuses the bytes the set leaves undefined before they get here.</summary>
    public Encoding Encoding { get; }

    /// <summary>Single-byte character sets this reads, for the message that refuses another.</summary>
    public static readonly string Examples = "windows-1250, windows-1252, windows-1253, iso-8859-2, iso-8859-7";

    /// <summary>True for a label that means UTF-8: the default, read without a declaration.</summary>
    public static bool IsUtf8(string label) => label.Trim().ToLowerInvariant() is "utf-8" or "utf8" or "unicode-1-1-utf-8";

    /// <summary>
    /// The single-byte character set <paramref name="label"/> names, or null when it names none this reads (an unknown
    /// label, a multi-byte set such as UTF-16 or Shift_JIS, or one that moves ASCII such as EBCDIC). Not for UTF-8.
    /// </summary>
    public static ImportCharset? Find(string label)
    {
        var name = label.Trim().ToLowerInvariant() switch
        {
            "iso-8859-1" or "iso8859-1" or "iso88591" or "iso_8859-1" or "latin1" or "l1" or "us-ascii" or "ascii" or "iso-ir-100" or "cp819" => "windows-1252",
            "iso-8859-9" or "iso8859-9" or "iso88599" or "iso_8859-9" or "latin5" or "l5" => "windows-1254",
            var cp when cp.TrimStart("x-") is ['c', 'p', '1', '2', '5', >= '0' and <= '8'] => $"windows-{cp[^4..]}",
            var other => other,
        };
        Encoding probe;
        try
        {
            probe = Encoding.GetEncoding(name);
        }
        catch (ArgumentException)
        {
            return null;
        }

        if (!probe.IsSingleByte)
        {
            return null;
        }

        // .NET's code pages decode every byte: one a set leaves undefined comes out as a C1 control (U+0080 to U+009F, also
        // what ISO-8859's 0x80 to 0x9F are) or a private-use character. Neither is ever text in a CRM: such a byte says
        // the file is in another set.
        var encoding = Encoding.GetEncoding(probe.CodePage, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        var undefined = new bool[256];
        Span<char> decoded = stackalloc char[2];
        for (var b = 0; b < 256; b++)
        {
            var n = encoding.GetChars([(byte)b], decoded);
            if (b < 0x80)
            {
                if (n != 1 || decoded[0] != b)
                {
                    return null; // ASCII moved (EBCDIC): line breaks and delimiters would not be read as they are
                }
            }
            else
            {
                undefined[b] = n != 1 || decoded[0] is >= '\u0080' and <= '\u009F' or >= '\uE000' and <= '\uF8FF';
            }
        }

        return new ImportCharset(probe.WebName, encoding, undefined);
    }

    /// <summary>The line of the first byte in <paramref name="chunk"/> that the character set leaves undefined, counting <paramref name="linesBefore"/>.</summary>
    internal long? LineOfUndefined(ReadOnlySpan<byte> chunk, long linesBefore)
    {
        for (var i = 0; i < chunk.Length; i++)
        {
            if (undefined[chunk[i]])
            {
                return linesBefore + chunk[..i].Count((byte)'\n') + 1;
            }
        }

        return null;
    }

    /// <summary>
    /// True when text decoded in this character set reads as UTF-8 with letters beyond ASCII: a UTF-8 file declared in
    /// the wrong set, which would be imported garbled ("SÃ£o Paulo"). A real windows-125x text is practically never
    /// valid UTF-8 once it holds a letter beyond ASCII.
    /// </summary>
    internal bool LooksLikeUtf8(ReadOnlySpan<char> decoded, bool complete)
    {
        var bytes = Encoding.GetBytes(decoded.ToArray());
        var span = bytes.AsSpan();
        var multibyte = false;
        while (!span.IsEmpty)
        {
            var status = Rune.DecodeFromUtf8(span, out _, out var consumed);
            if (status == System.Buffers.OperationStatus.NeedMoreData && !complete)
            {
                break; // a character cut at the end of what was read
            }

            if (status != System.Buffers.OperationStatus.Done)
            {
                return false;
            }

            multibyte |= consumed > 1;
            span = span[consumed..];
        }

        return multibyte;
    }
}
