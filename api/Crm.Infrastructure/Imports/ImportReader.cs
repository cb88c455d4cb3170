using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;

namespace Crm.Infrastructure.Imports;

/// <summary>One record of the file: where it starts, and its cells by column index (null = absent).</summary>
public readonly record struct ImportRecord(long Line, string?[] Cells);

/// <summary>A file being read: its columns (known after the header) and its records, streamed.</summary>
public interface IImportSource
{
    IReadOnlyList<string> Columns { get; }

    IAsyncEnumerable<ImportRecord> ReadAsync(CancellationToken ct);
}

public sealed class ImportFormatException(string message) : Exception(message);

/// <summary>
/// CSV: comma, semicolon or tab, detected from the header line; UTF-8 with or without BOM; quoted
/// multi-line fields. Reads asynchronously from the request body, so memory stays flat at any size.
/// </summary>
public sealed class CsvImportSource : IImportSource
{
    private readonly CsvReader csv;
    private string[] columns = [];

    private CsvImportSource(CsvReader csv) => this.csv = csv;

    public IReadOnlyList<string> Columns => columns;

    public char Delimiter { get; private set; }

    public static async Task<CsvImportSource> OpenAsync(Stream body, char? delimiter, CancellationToken ct)
    {
        var reader = new StreamReader(body, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        var head = new char[1 << 16];
        var read = 0;
        while (read < head.Length)
        {
            var n = await reader.ReadAsync(head.AsMemory(read), ct);
            if (n == 0)
            {
                break;
            }

            read += n;
            if (Array.IndexOf(head, '\n', 0, read) >= 0)
            {
                break;
            }
        }

        var detected = delimiter ?? Detect(head.AsSpan(0, read));
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = detected.ToString(),
            DetectDelimiter = false,
            BadDataFound = null,
            MissingFieldFound = null,
            TrimOptions = TrimOptions.None,
            IgnoreBlankLines = true,
        };
        var source = new CsvImportSource(new CsvReader(new PrefixedReader(head, read, reader), config)) { Delimiter = detected };
        if (!await source.csv.ReadAsync())
        {
            throw new ImportFormatException("The file is empty; the first line must name the columns.");
        }

        source.csv.ReadHeader();
        source.columns = [.. (source.csv.HeaderRecord ?? []).Select(h => h.Trim())];
        if (source.columns.Length == 0 || source.columns.All(c => c.Length == 0))
        {
            throw new ImportFormatException("The first line must name the columns.");
        }

        return source;
    }

    public async IAsyncEnumerable<ImportRecord> ReadAsync([EnumeratorCancellation] CancellationToken ct)
    {
        var lastRawRow = (long)csv.Parser.RawRow;
        while (await csv.ReadAsync())
        {
            ct.ThrowIfCancellationRequested();
            var line = lastRawRow + 1;
            lastRawRow = csv.Parser.RawRow;
            var count = csv.Parser.Count;
            var cells = new string?[columns.Length];
            for (var i = 0; i < columns.Length && i < count; i++)
            {
                cells[i] = csv.Parser[i];
            }

            yield return new ImportRecord(line, cells);
        }
    }

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
/// A JSON array of objects, streamed element by element. Columns are the keys in order of first
/// appearance; arrays (tags, multiple choice) become ;-separated text.
/// </summary>
public sealed class JsonImportSource(Stream body) : IImportSource
{
    private readonly List<string> columns = [];
    private readonly Dictionary<string, int> index = new(StringComparer.Ordinal);

    public IReadOnlyList<string> Columns => columns;

    /// <summary>JSON columns appear as rows are read; the mapping is resolved per new column.</summary>
    public event Action<string>? ColumnAdded;

    public async IAsyncEnumerable<ImportRecord> ReadAsync([EnumeratorCancellation] CancellationToken ct)
    {
        long line = 0;
        await foreach (var element in JsonSerializer.DeserializeAsyncEnumerable<JsonElement>(body, cancellationToken: ct))
        {
            line++;
            if (element.ValueKind != JsonValueKind.Object)
            {
                throw new ImportFormatException($"Item {line} is not a JSON object; send an array of objects.");
            }

            foreach (var property in element.EnumerateObject())
            {
                if (!index.ContainsKey(property.Name))
                {
                    index[property.Name] = columns.Count;
                    columns.Add(property.Name);
                    ColumnAdded?.Invoke(property.Name);
                }
            }

            var cells = new string?[columns.Count];
            foreach (var property in element.EnumerateObject())
            {
                cells[index[property.Name]] = Text(property.Value);
            }

            yield return new ImportRecord(line, cells);
        }
    }

    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Array => string.Join(';', value.EnumerateArray().Select(Text)),
        _ => value.GetRawText(), // numbers and booleans as written; an object as its JSON
    };
}
