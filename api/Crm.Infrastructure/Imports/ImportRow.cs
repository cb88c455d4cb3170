using Crm.Application.Common;
using Crm.Domain.CustomFields;

namespace Crm.Infrastructure.Imports;

/// <summary>
/// One record seen through the mapping: cells by field name, with the job's defaults filling empty or
/// unmapped fields, and the custom-field cells.
/// </summary>
public sealed class ImportRow
{
    private static string NulMessage => Texts.Get("import.cellNul");

    private readonly Dictionary<string, int> fieldColumns;
    private readonly List<(CustomFieldDefinition Field, int Column)> customColumns;
    private readonly IReadOnlyDictionary<string, string> defaults;
    private string?[] cells = [];

    public ImportRow(IReadOnlyDictionary<string, string> defaults)
        : this(defaults, new Dictionary<string, int>(StringComparer.Ordinal), [])
    {
    }

    private ImportRow(IReadOnlyDictionary<string, string> defaults, Dictionary<string, int> fieldColumns, List<(CustomFieldDefinition, int)> customColumns)
    {
        this.defaults = defaults;
        this.fieldColumns = fieldColumns;
        this.customColumns = customColumns;
    }

    /// <summary>Another view over the same bindings, for staging rows on several threads (bindings only change between batches).</summary>
    public ImportRow Fork() => new(defaults, fieldColumns, customColumns);

    public IReadOnlyList<(CustomFieldDefinition Field, int Column)> CustomColumns => customColumns;

    public void Bind(int column, ColumnBinding binding)
    {
        if (binding.Field is { } field)
        {
            fieldColumns[field.Name] = column;
        }
        else if (binding.CustomField is { } custom)
        {
            customColumns.Add((custom, column));
        }
    }

    public void Load(ImportRecord record)
    {
        cells = record.Cells;
    }

    /// <summary>The trimmed cell of <paramref name="field"/>, else its default, else null.</summary>
    public string? this[string field]
    {
        get
        {
            if (fieldColumns.TryGetValue(field, out var i) && i < cells.Length && !string.IsNullOrWhiteSpace(cells[i]))
            {
                return Unneutralise(cells[i]!.Trim());
            }

            return defaults.GetValueOrDefault(field);
        }
    }

    public string? Cell(int column) => column < cells.Length ? Unneutralise(cells[column]) : null;

    /// <summary>
    /// PostgreSQL text cannot hold U+0000. The fields whose cells hold it (null when none does), and every cell of the
    /// record loaded with it replaced by U+FFFD, so that the row as sent can still be staged and shown.
    /// </summary>
    public string? TakeNulCharacters()
    {
        var found = false;
        foreach (var cell in cells)
        {
            found |= cell is not null && cell.Contains('\0', StringComparison.Ordinal);
        }

        if (!found)
        {
            return null;
        }

        var errors = new List<(string, string)>();
        foreach (var (field, column) in fieldColumns)
        {
            if (HasNul(column))
            {
                errors.Add((field, NulMessage));
            }
        }

        foreach (var (field, column) in customColumns)
        {
            if (HasNul(column))
            {
                errors.Add(($"customFields.{field.Key}", NulMessage));
            }
        }

        for (var i = 0; i < cells.Length; i++)
        {
            cells[i] = cells[i]?.Replace('\0', '\uFFFD');
        }

        // In a column the import ignores, the character loses nothing: the row goes on.
        return errors.Count == 0 ? null : ImportValues.Describe(errors);

        bool HasNul(int column) => column < cells.Length && cells[column] is { } cell && cell.Contains('\0', StringComparison.Ordinal);
    }

    /// <summary>Our exports defuse formulas with a leading ' (<c>'+351…</c>, <c>'-3.5</c>); an export re-imports as it was.</summary>
    private static string? Unneutralise(string? cell) =>
        cell is ['\'', '=' or '+' or '-' or '@' or '\t' or '\r', ..] ? cell[1..] : cell;
}
