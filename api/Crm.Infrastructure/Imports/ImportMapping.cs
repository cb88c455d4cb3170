using System.Text;
using Crm.Application.Common;
using Crm.Application.CustomFields;
using Crm.Domain.Common;
using Crm.Domain.CustomFields;

namespace Crm.Infrastructure.Imports;

/// <summary>A field an import can fill: its wire name, the table column it sets, and header synonyms in the five languages.</summary>
public sealed record ImportField(string Name, string Column, params string[] Synonyms);

/// <summary>What one column of the file feeds: a field, a custom field, or nothing.</summary>
public sealed record ColumnBinding(string Column, ImportField? Field, CustomFieldDefinition? CustomField)
{
    /// <summary>As reported to the client: a field name, customFields.key, or null.</summary>
    public string? Target => Field?.Name ?? (CustomField is { } cf ? $"customFields.{cf.Key}" : null);
}

/// <summary>
/// Resolves columns to fields: an explicit mapping (column → field) first, then headers matched case-
/// and accent-insensitively (ignoring spaces, - and _) against field names, custom-field keys, synonyms and
/// custom-field labels (<see cref="AutoMatch"/>). Each field is fed by at most one column, and a field the
/// explicit mapping names only by the column it names.
/// </summary>
public sealed class ImportMapping
{
    private readonly IImportTarget target;
    private readonly CustomFieldSchema schema;
    private readonly IReadOnlyDictionary<string, string?> explicitMapping;
    private readonly Dictionary<string, ImportField> fieldsByName;
    private readonly HashSet<string> taken = new(StringComparer.Ordinal);
    private readonly HashSet<string> reserved;
    private readonly List<ColumnBinding> bindings = [];

    public ImportMapping(IImportTarget target, CustomFieldSchema schema, IReadOnlyDictionary<string, string?> explicitMapping)
    {
        this.target = target;
        this.schema = schema;
        this.explicitMapping = explicitMapping;
        fieldsByName = target.Fields.ToDictionary(f => f.Name, StringComparer.OrdinalIgnoreCase);
        // Held for their columns whatever comes first in the file: an automatic match must not take them.
        reserved = explicitMapping.Values.Where(f => !string.IsNullOrWhiteSpace(f)).Select(f => ResolveName(f!)).OfType<string>().ToHashSet(StringComparer.Ordinal);
    }

    public IReadOnlyList<ColumnBinding> Bindings => bindings;

    /// <summary>Field errors of the explicit mapping itself (unknown field names), before any row is read.</summary>
    public IEnumerable<(string Column, string Message)> ValidateExplicit()
    {
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (column, field) in explicitMapping)
        {
            if (string.IsNullOrWhiteSpace(field))
            {
                continue;
            }

            if (ResolveName(field) is not { } target)
            {
                yield return (column, Texts.Format("import.unknownField", ("field", field), ("entity", this.target.Entity), ("fields", string.Join(", ", this.target.Fields.Select(f => f.Name)))));
            }
            else if (!seen.TryAdd(target, column))
            {
                yield return (column, Texts.Format("import.fieldFedTwice", ("field", field), ("column", seen[target])));
            }
        }
    }

    public ColumnBinding Bind(string column)
    {
        ColumnBinding binding;
        if (explicitMapping.TryGetValue(column, out var explicitField))
        {
            binding = Make(column, string.IsNullOrWhiteSpace(explicitField) ? null : ResolveName(explicitField));
        }
        else
        {
            var matched = AutoMatch(column);
            binding = Make(column, matched is not null && reserved.Contains(matched) ? null : matched);
        }

        if (binding.Target is { } name && !taken.Add(name))
        {
            binding = new ColumnBinding(column, null, null);
        }

        bindings.Add(binding);
        return binding;
    }

    public bool IsMapped(string field) => taken.Contains(field);

    public IEnumerable<string> MissingExplicitColumns(IReadOnlyList<string> columns) =>
        explicitMapping.Keys.Where(k => !columns.Contains(k, StringComparer.Ordinal));

    private ColumnBinding Make(string column, string? target) => target switch
    {
        null => new ColumnBinding(column, null, null),
        _ when target.StartsWith("customFields.", StringComparison.Ordinal) => new ColumnBinding(column, null, schema.Find(target["customFields.".Length..])),
        _ => new ColumnBinding(column, fieldsByName[target], null),
    };

    /// <summary>A field name as the client wrote it → canonical name (field or customFields.key), or null.</summary>
    private string? ResolveName(string name)
    {
        var trimmed = name.Trim();
        if (fieldsByName.TryGetValue(trimmed, out var field))
        {
            return field.Name;
        }

        var key = trimmed.StartsWith("customFields.", StringComparison.OrdinalIgnoreCase) ? trimmed["customFields.".Length..] : trimmed;
        return schema.Find(key) is { } cf ? $"customFields.{cf.Key}" : null;
    }

    /// <summary>
    /// In order: a field's own name (<c>Address City</c>, <c>address.city</c>), a custom field's key, <c>customFields.key</c>,
    /// a synonym, a custom field's label. Keys come before synonyms: our exports head custom fields by key, and a custom
    /// field keyed <c>stage</c> or <c>company</c> must not lose its column to the field that has that synonym.
    /// </summary>
    private string? AutoMatch(string column)
    {
        var folded = Squash(column);
        if (folded.Length == 0)
        {
            return null;
        }

        if (target.Fields.FirstOrDefault(f => Squash(f.Name) == folded) is { } named)
        {
            return named.Name;
        }

        var custom = schema.Fields.FirstOrDefault(f => Squash(f.Key) == folded);
        const string Prefix = "customFields.";
        var trimmed = column.Trim();
        if (custom is null && trimmed.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            var key = Squash(trimmed[Prefix.Length..]);
            custom = schema.Fields.FirstOrDefault(f => Squash(f.Key) == key);
        }

        if (custom is not null)
        {
            return $"customFields.{custom.Key}";
        }

        if (target.Fields.FirstOrDefault(f => f.Synonyms.Any(s => Squash(s) == folded)) is { } synonym)
        {
            return synonym.Name;
        }

        custom = schema.Fields.FirstOrDefault(f => Squash(f.Label) == folded);
        return custom is null ? null : $"customFields.{custom.Key}";
    }

    /// <summary>"Customer E-mail" → "customeremail"; "Όνομα" → "ονομα".</summary>
    internal static string Squash(string text)
    {
        var folded = SearchText.Fold(text);
        var sb = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            if (char.IsLetterOrDigit(c))
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }
}
