using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Crm.Application.Common;
using CsvHelper;
using CsvHelper.Configuration;

namespace Crm.Infrastructure.Imports;

/// <summary>
/// One record of the file: the line it starts on, and its cells by column index (null = absent). <paramref name="Problem"/>:
/// why the record cannot be read as a row (it is staged rejected, with its cells as sent).
/// </summary>
public readonly record struct ImportRecord(long Line, string?[] Cells, string? Problem = null);

/// <summary>A file being read: its columns (known after the header) and its records, streamed.</summary>
public interface IImportSource
{
    IReadOnlyList<string> Columns { get; }

    IAsyncEnumerable<ImportRecord> ReadAsync(CancellationToken ct);
}

public sealed class ImportFormatException(Wording reason) : Exception(reason.In(Texts.English))
{
    /// <summary>The reason, worded in the uploader's language for the 400 and the failed job (the message, for logs, is English).</summary>
    public Wording Reason { get; } = reason;
}

/// <summary>
/// CSV: comma, semicolon or tab, detected from the header line; UTF-8 with or without BOM, or a declared single-byte
/// character set (<see cref="ImportCharset"/>); quoted multi-line fields. Reads asynchronously from the request body, so memory stays flat at any size.
/// </summary>
public sealed class CsvImportSource : IImportSource
{
    private readonly CsvReader csv;
    private readonly LineCountingStream bytes;
    private readonly ImportCharset? charset;
    private string[] columns = [];

    private CsvImportSource(CsvReader csv, LineCountingStream bytes, ImportCharset? charset)
    {
        this.csv = csv;
        this.bytes = bytes;
        this.charset = charset;
    }

    public IReadOnlyList<string> Columns => columns;

    public char Delimiter { get; private set; }

    /// <summary>The declared character set the file is read in; null when it is read as UTF-8 (undeclared, or a BOM said so).</summary>
    public ImportCharset? Charset { get; private set; }

    /// <summary>Reads the header. <paramref name="charset"/>: the single-byte character set the file was declared in, null for UTF-8; a byte order mark wins over it.</summary>
    public static async Task<CsvImportSource> OpenAsync(Stream body, char? delimiter, CancellationToken ct, ImportCharset? charset = null)
    {
        var bytes = new LineCountingStream(body, ct, charset);
        var reader = new StreamReader(
            bytes, charset?.Encoding ?? new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        var head = new char[1 << 16];
        var read = 0;
        var ended = false;
        try
        {
            while (read < head.Length)
            {
                var n = await reader.ReadAsync(head.AsMemory(read), ct);
                if (n == 0)
                {
                    ended = true;
                    break;
                }

                read += n;
                // A declared character set is checked against UTF-8 on the first 16 KB at least (below), not the header alone.
                if (Array.IndexOf(head, '\n', 0, read) >= 0 && (charset is null || read >= 1 << 14))
                {
                    break;
                }
            }
        }
        catch (DecoderFallbackException)
        {
            throw NotReadable(bytes, charset);
        }

        // Declared in another set, but UTF-8 after all (and no BOM said so): read as declared, every name would be garbled.
        if (charset is not null && reader.CurrentEncoding.CodePage == charset.Encoding.CodePage
            && charset.LooksLikeUtf8(head.AsSpan(0, read), complete: ended))
        {
            throw new ImportFormatException(new Wording("import.charsetIsUtf8", ("charset", charset.Name)));
        }

        var sep = SepLine(head.AsSpan(0, read));
        var detected = delimiter ?? sep ?? Detect(head.AsSpan(0, read));
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = detected.ToString(),
            DetectDelimiter = false,
            // Also called for stray quotes inside a cell (Monitor 27" Ltd) and text after a closing quote ("a"b), which stay
            // data as read. A quoted cell that never closes takes the rest of the file as its text, so it fails the upload.
            BadDataFound = args =>
            {
                if (IsUnclosedQuote(args.Field))
                {
                    var line = args.Context.Parser!.RawRow - LineBreaks(args.RawRecord, countTrailing: true);
                    throw new ImportFormatException(new Wording("import.unclosedQuote", ("line", line)));
                }
            },
            MissingFieldFound = null,
            TrimOptions = TrimOptions.None,
            IgnoreBlankLines = true,
        };
        var source = new CsvImportSource(new CsvReader(new PrefixedReader(head, read, reader), config), bytes, charset)
        {
            Delimiter = detected,
            Charset = charset is not null && reader.CurrentEncoding.CodePage == charset.Encoding.CodePage ? charset : null,
        };
        // The sep line is read as a record and passed over, so the lines rejected rows give stay the file's own.
        if (!await source.NextAsync() || (sep is not null && !await source.NextAsync()))
        {
            throw new ImportFormatException(new Wording("import.empty"));
        }

        source.csv.ReadHeader();
        source.columns = [.. (source.csv.HeaderRecord ?? []).Select(h => h.Trim())];
        if (source.columns.Length == 0 || source.columns.All(c => c.Length == 0))
        {
            throw new ImportFormatException(new Wording("import.noHeader"));
        }

        // Two columns of one name could not be told apart by a mapping, nor in the errors file.
        if (source.columns.Where(c => c.Length > 0).GroupBy(c => c, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new ImportFormatException(new Wording("import.columnTwice", ("column", twice.Key)));
        }

        if (source.columns.Any(c => c.Contains('\0', StringComparison.Ordinal)))
        {
            throw new ImportFormatException(new Wording("import.headerNul"));
        }

        return source;
    }

    public async IAsyncEnumerable<ImportRecord> ReadAsync([EnumeratorCancellation] CancellationToken ct)
    {
        var lastRawRow = (long)csv.Parser.RawRow;
        while (await NextAsync())
        {
            ct.ThrowIfCancellationRequested();
            // RawRow is the record's last line. A record right after the previous one starts there; after blank lines
            // (skipped) or when it spans lines, its raw text says how far back it starts. That text is built per call, so
            // only then.
            var rawRow = (long)csv.Parser.RawRow;
            var line = rawRow == lastRawRow + 1 ? rawRow : rawRow - LineBreaks(csv.Parser.RawRecord, countTrailing: false);
            lastRawRow = rawRow;

            // Cells past the header's are kept when they hold something (a comma in an unquoted name would otherwise
            // cut it silently); trailing delimiters are not cells.
            var count = csv.Parser.Count;
            var width = count;
            while (width > columns.Length && string.IsNullOrWhiteSpace(csv.Parser[width - 1]))
            {
                width--;
            }

            var cells = new string?[Math.Max(width, columns.Length)];
            for (var i = 0; i < width; i++)
            {
                cells[i] = csv.Parser[i];
            }

            // A short row is read as if its missing cells were empty, as an empty cell is (files often drop trailing
            // delimiters); cells past the header's would be lost, so such a row is refused.
            var problem = width > columns.Length
                ? width == 1 ? Texts.Format("import.rowWidthOne", ("columns", columns.Length)) : Texts.Format("import.rowWidth", ("cells", width), ("columns", columns.Length))
                : null;
            yield return new ImportRecord(line, cells, problem);
        }
    }

    private async Task<bool> NextAsync()
    {
        try
        {
            return await csv.ReadAsync();
        }
        catch (DecoderFallbackException)
        {
            throw NotReadable(bytes, charset);
        }
    }

    private static ImportFormatException NotReadable(LineCountingStream bytes, ImportCharset? charset) =>
        new(charset is null
            ? bytes.LineOfInvalidUtf8() is { } line
                ? new Wording("import.notUtf8AtLine", ("line", line))
                : new Wording("import.notUtf8Save")
            : bytes.LineOfUndefined(charset) is { } at
                ? new Wording("import.notCharsetAtLine", ("line", at), ("charset", charset.Name))
                : new Wording("import.notCharset", ("charset", charset.Name)));

    /// <summary>After the opening quote, "" is a quote within the cell and a single " closes it.</summary>
    internal static bool IsUnclosedQuote(string field)
    {
        if (field is not ['"', ..])
        {
            return false;
        }

        for (var i = 1; i < field.Length; i++)
        {
            if (field[i] == '"')
            {
                if (i + 1 < field.Length && field[i + 1] == '"')
                {
                    i++;
                }
                else
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>Line breaks (\r\n, \n or \r) in a record's raw text; a trailing one ends the record's last line, and is counted only when asked.</summary>
    internal static int LineBreaks(string raw, bool countTrailing)
    {
        var breaks = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] == '\n' || (raw[i] == '\r' && (i + 1 == raw.Length || raw[i + 1] != '\n')))
            {
                breaks++;
            }
        }

        return !countTrailing && raw is [.., '\n' or '\r'] ? breaks - 1 : breaks;
    }

    /// <summary>
    /// The separator named by a first line <c>sep=;</c> (Excel writes it, and reads the file by it whatever the
    /// locale's list separator), or null when the file does not start with one; the header is then the next line.
    /// </summary>
    internal static char? SepLine(ReadOnlySpan<char> head) =>
        head is ['s' or 'S', 'e' or 'E', 'p' or 'P', '=', ',' or ';' or '\t' or '|', .. var rest] && rest is [] or ['\r' or '\n', ..] ? head[4] : null;

    /// <summary>The separator that occurs most often outside quotes in the header line.</summary>
    internal static char Detect(ReadOnlySpan<char> head)
    {
        int comma = 0, semicolon = 0, tab = 0;
        var quoted = false;
        foreach (var c in head)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && c == '\n')
            {
                break;
            }
            else if (!quoted)
            {
                comma += c == ',' ? 1 : 0;
                semicolon += c == ';' ? 1 : 0;
                tab += c == '\t' ? 1 : 0;
            }
        }

        return tab > comma && tab >= semicolon ? '\t' : semicolon > comma ? ';' : ',';
    }

    /// <summary>Replays the characters read to detect the separator, then continues with the stream.</summary>
    private sealed class PrefixedReader(char[] prefix, int length, TextReader rest) : TextReader
    {
        private int position;

        public override int Peek() => position < length ? prefix[position] : rest.Peek();

        public override int Read() => position < length ? prefix[position++] : rest.Read();

        public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

        public override int Read(Span<char> buffer)
        {
            if (position < length)
            {
                var n = Math.Min(buffer.Length, length - position);
                prefix.AsSpan(position, n).CopyTo(buffer);
                position += n;
                return n;
            }

            return rest.Read(buffer);
        }

        public override Task<int> ReadAsync(char[] buffer, int index, int count) => ReadAsync(buffer.AsMemory(index, count)).AsTask();

        public override ValueTask<int> ReadAsync(Memory<char> buffer, CancellationToken cancellationToken = default)
        {
            if (position < length)
            {
                return ValueTask.FromResult(Read(buffer.Span));
            }

            return rest.ReadAsync(buffer, cancellationToken);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                rest.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}

/// <summary>
/// The body as the CSV reader's decoder takes it, counting line feeds as chunks go by (a vectorised count, one pass
/// over bytes already in memory), so that a byte that is not UTF-8 can be placed on its line. A line feed byte is
/// never part of a longer UTF-8 sequence, whatever surrounds it. Reads stop when <paramref name="aborted"/> fires (the
/// request's): the CSV reader does not pass a token down.
/// </summary>
internal sealed class LineCountingStream(Stream inner, CancellationToken aborted, ImportCharset? charset = null) : Stream
{
    private ImportCharset? charset = charset;
    private bool started;
    private long linesBefore;
    private Memory<byte> last;
    private int lastLineFeeds;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <summary>
    /// The line of the first invalid byte in the last chunk read: the decoder fails on the chunk it was just given.
    /// Null when that chunk holds none (a sequence cut at a chunk's end): the line is not known then.
    /// </summary>
    public long? LineOfInvalidUtf8()
    {
        var chunk = last.Span;
        // A character split across two reads leaves up to three continuation bytes (10xxxxxx) at this chunk's start.
        var start = 0;
        while (start < 3 && start < chunk.Length && (chunk[start] & 0xC0) == 0x80)
        {
            start++;
        }

        for (var i = start; i < chunk.Length;)
        {
            var status = Rune.DecodeFromUtf8(chunk[i..], out _, out var consumed);
            if (status == System.Buffers.OperationStatus.InvalidData)
            {
                return linesBefore + chunk[..i].Count((byte)'\n') + 1;
            }

            if (status != System.Buffers.OperationStatus.Done)
            {
                return null;
            }

            i += consumed;
        }

        return null;
    }

    /// <summary>The line of the first byte in the last chunk read that <paramref name="charset"/> leaves undefined.</summary>
    public long? LineOfUndefined(ImportCharset charset) => charset.LineOfUndefined(last.Span, linesBefore);

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        // A span cannot be kept: on this path (synchronous reads) a bad byte is not placed on its line.
        var n = inner.Read(buffer);
        Seen(Memory<byte>.Empty, buffer[..n].Count((byte)'\n'));
        Check(buffer[..n]);
        return n;
    }

    /// <summary>
    /// A declared single-byte set decodes every byte, undefined ones as controls or private-use characters: they are refused
    /// here, as the UTF-8 decoder refuses bytes that are not UTF-8.
    /// </summary>
    private void Check(ReadOnlySpan<byte> chunk)
    {
        if (charset is null || chunk.IsEmpty)
        {
            return;
        }

        // A byte order mark wins over the declared set (the reader decodes by it): its bytes are not the set's to check.
        if (!started && chunk is [0xEF, 0xBB, 0xBF, ..] or [0xFF, 0xFE, ..] or [0xFE, 0xFF, ..])
        {
            charset = null;
            return;
        }

        started = true;
        if (charset.LineOfUndefined(chunk, 0) is not null)
        {
            throw new DecoderFallbackException();
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var n = await inner.ReadAsync(buffer, cancellationToken.CanBeCanceled ? cancellationToken : aborted);
        // Counted now: the reader reuses (and shifts, past a BOM) its buffer afterwards.
        Seen(buffer[..n], buffer.Span[..n].Count((byte)'\n'));
        Check(buffer.Span[..n]);
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Seen(Memory<byte> chunk, int lineFeeds)
    {
        linesBefore += lastLineFeeds;
        last = chunk;
        lastLineFeeds = lineFeeds;
    }
}

/// <summary>
/// A JSON array of objects, streamed element by element. Columns are the keys in order of first appearance; nested
/// objects become dotted columns (<c>address.city</c>, <c>customFields.sector</c>), as our JSON exports nest them;
/// arrays (tags, multiple choice) become ;-separated text. A null is an empty cell of its column, except for the
/// members whose value is an object (<c>"address": null</c> would otherwise take address.line1 by its synonym before
/// <c>address.line1</c> came).
/// </summary>
public sealed class JsonImportSource(Stream body) : IImportSource
{
    private readonly List<string> columns = [];
    private readonly Dictionary<string, int> index = new(StringComparer.Ordinal);
    private readonly List<(string Name, string? Text)> values = [];
    private readonly HashSet<string> seen = new(StringComparer.Ordinal);

    /// <summary>The wire's members whose value is an object: flattened into dotted columns, never columns themselves.</summary>
    private static readonly HashSet<string> ObjectMembers = new(["address", "customFields"], StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<string> Columns => columns;

    /// <summary>JSON columns appear as rows are read; the mapping is resolved per new column.</summary>
    public event Action<string>? ColumnAdded;

    public async IAsyncEnumerable<ImportRecord> ReadAsync([EnumeratorCancellation] CancellationToken ct)
    {
        long line = 0;
        await using var elements = JsonSerializer.DeserializeAsyncEnumerable<JsonElement>(body, cancellationToken: ct).GetAsyncEnumerator(ct);
        while (await NextAsync(elements, line))
        {
            line++;
            var element = elements.Current;
            if (element.ValueKind != JsonValueKind.Object)
            {
                throw new ImportFormatException(new Wording("import.itemNotObject", ("item", line)));
            }

            values.Clear();
            Flatten(string.Empty, element, line);
            if (Repeated() is { } repeated)
            {
                // Which of the two would be imported? Neither: the file is refused, as a body with a member given twice is.
                throw new ImportFormatException(new Wording("import.itemFieldTwice", ("item", line), ("field", repeated)));
            }

            foreach (var (name, _) in values)
            {
                if (!index.ContainsKey(name))
                {
                    if (name.Contains('\0', StringComparison.Ordinal))
                    {
                        throw new ImportFormatException(new Wording("import.itemKeyNul", ("item", line)));
                    }

                    index[name] = columns.Count;
                    columns.Add(name);
                    ColumnAdded?.Invoke(name);
                }
            }

            var cells = new string?[columns.Count];
            foreach (var (name, text) in values)
            {
                cells[index[name]] = text;
            }

            yield return new ImportRecord(line, cells);
        }
    }

    /// <summary>The next element; a body that is not an array is refused in our words, not the serializer's (which name .NET types).</summary>
    private static async Task<bool> NextAsync(IAsyncEnumerator<JsonElement> elements, long read)
    {
        try
        {
            return await elements.MoveNextAsync();
        }
        catch (JsonException e) when (read == 0 && e.Path == "$" && e.InnerException is null)
        {
            throw new ImportFormatException(new Wording("import.jsonArray"));
        }
    }

    /// <summary>A column this item gives twice (<c>"email"</c> twice, or <c>"address": {"city"}</c> beside <c>"address.city"</c>), or null.</summary>
    private string? Repeated()
    {
        seen.Clear();
        foreach (var (name, _) in values)
        {
            if (!seen.Add(name))
            {
                return name;
            }
        }

        return null;
    }

    private void Flatten(string prefix, JsonElement element, long line)
    {
        foreach (var property in element.EnumerateObject())
        {
            var name = prefix.Length == 0 ? Name(property, line) : $"{prefix}.{Name(property, line)}";
            switch (property.Value.ValueKind)
            {
                case JsonValueKind.Object:
                    Flatten(name, property.Value, line);
                    break;
                case JsonValueKind.Null or JsonValueKind.Undefined when ObjectMembers.Contains(name):
                    // "address": null is no address, not a column: by its name it would feed address.line1 and then keep
                    // a later item's address.line1 column from it.
                    break;
                case JsonValueKind.Null or JsonValueKind.Undefined:
                    // A column like any other (an explicit mapping can name it; an upsert clears the field), with no value.
                    values.Add((name, null));
                    break;
                default:
                    values.Add((name, Text(property.Value, name, line)));
                    break;
            }
        }
    }

    // A lone surrogate escape (\ud800), or bytes that are not UTF-8, inside a string is not text: System.Text.Json's
    // reader takes it but refuses to read it as a string (InvalidOperationException), which was a 500. The file is
    // refused naming the item and field, as a key with NUL is.
    private static string Name(JsonProperty property, long line)
    {
        try
        {
            return property.Name;
        }
        catch (InvalidOperationException)
        {
            throw new ImportFormatException(new Wording("import.itemKeyNotText", ("item", line)));
        }
    }

    private static string? Text(JsonElement value, string name, long line)
    {
        try
        {
            return Text(value);
        }
        catch (InvalidOperationException)
        {
            throw new ImportFormatException(new Wording("import.itemNotText", ("item", line), ("field", name)));
        }
    }

    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Array => string.Join(';', value.EnumerateArray().Select(Text)),
        _ => value.GetRawText(), // numbers and booleans as written; an object within an array as its JSON
    };
}
