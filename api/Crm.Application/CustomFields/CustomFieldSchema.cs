using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Text.Json.Nodes;
using Crm.Application.Common;
using Crm.Domain.Common;
using Crm.Domain.CustomFields;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;

namespace Crm.Application.CustomFields;

/// <summary>
/// The custom fields defined for one entity, and the one place values are checked against them and
/// normalised: for the API (JSON values), for imports (CSV text) and for list filters.
/// </summary>
public sealed partial class CustomFieldSchema
{
    public const int MaxTextLength = 1000;

    /// <summary>Custom-field filters one list request may combine.</summary>
    public const int MaxFilters = 10;

    private readonly Dictionary<string, CustomFieldDefinition> byKey;
    private readonly string entityName;

    private CustomFieldSchema(CustomFieldEntity entity, IEnumerable<CustomFieldDefinition> fields)
    {
        entityName = entity == CustomFieldEntity.Contacts ? "contacts" : "customers";
        byKey = fields.ToDictionary(f => f.Key, StringComparer.Ordinal);
    }

    public IReadOnlyCollection<CustomFieldDefinition> Fields => byKey.Values;

    public static async Task<CustomFieldSchema> LoadAsync(ICrmDbContext db, CustomFieldEntity entity, CancellationToken ct) =>
        new(entity, await db.CustomFields.AsNoTracking().Where(f => f.Entity == entity).ToListAsync(ct));

    /// <summary>The keys defined for <paramref name="entity"/>, oldest first (as GET /custom-fields lists them): export columns.</summary>
    public static async Task<IReadOnlyList<string>> KeysAsync(ICrmDbContext db, CustomFieldEntity entity, CancellationToken ct) =>
        await db.CustomFields.AsNoTracking().Where(f => f.Entity == entity).OrderBy(f => f.Id).Select(f => f.Key).ToListAsync(ct);

    public CustomFieldDefinition? Find(string key) => byKey.GetValueOrDefault(key);

    /// <summary>Checks API values; adds a failure per bad key (named <c>customFields.key</c>) and returns the canonical JSON.</summary>
    public string Normalize(IReadOnlyDictionary<string, JsonElement>? values, string prefix, List<ValidationFailure> failures)
    {
        if (values is null || values.Count == 0)
        {
            return CustomFieldJson.Empty;
        }

        var normalized = new List<KeyValuePair<string, JsonNode?>>(values.Count);
        foreach (var (key, value) in values)
        {
            var field = $"{prefix}customFields.{key}";
            if (Find(key) is not { } definition)
            {
                failures.Add(new ValidationFailure(field, Texts.Format("customField.unknown", ("key", key), ("entity", entityName))));
                continue;
            }

            if (TryNormalize(definition, value, out var node, out var error))
            {
                normalized.Add(new(key, node));
            }
            else
            {
                failures.Add(new ValidationFailure(field, error));
            }
        }

        return CustomFieldJson.Write(normalized);
    }

    /// <summary>
    /// A single record's values, checked against the definitions (a bad one is a 400 naming its field). A write
    /// without custom-field values, the common case, does not read the definitions at all.
    /// </summary>
    public static async Task<string> NormalizeAsync(ICrmDbContext db, CustomFieldEntity entity, IReadOnlyDictionary<string, JsonElement>? values, CancellationToken ct)
    {
        if (values is not { Count: > 0 })
        {
            return CustomFieldJson.Empty;
        }

        var failures = new List<ValidationFailure>();
        var canonical = (await LoadAsync(db, entity, ct)).Normalize(values, string.Empty, failures);
        return failures.Count > 0 ? throw new FluentValidation.ValidationException(failures) : canonical;
    }

    /// <summary>A JSON value for <paramref name="definition"/>; null and "" mean no value.</summary>
    public static bool TryNormalize(CustomFieldDefinition definition, JsonElement value, out JsonNode? node, out string error)
    {
        node = null;
        error = string.Empty;
        if (value.ValueKind == JsonValueKind.Null || (value.ValueKind == JsonValueKind.String && string.IsNullOrWhiteSpace(value.GetString())))
        {
            return true;
        }

        switch (definition.Type)
        {
            case CustomFieldType.Number when value.ValueKind == JsonValueKind.Number:
                // Every JSON number is a number: one that decimal cannot hold is too large (or too small), not "not a number".
                return TryNumber(value.TryGetDecimal(out var d) ? d : null, isNumber: true, out node, out error);
            case CustomFieldType.Boolean when value.ValueKind is JsonValueKind.True or JsonValueKind.False:
                node = JsonValue.Create(value.GetBoolean());
                return true;
            case CustomFieldType.MultiChoice when value.ValueKind == JsonValueKind.Array:
                if (value.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
                {
                    error = Texts.Get("customField.optionArray");
                    return false;
                }

                return TryMultiChoice(definition, value.EnumerateArray().Select(e => e.GetString()!), out node, out error);
            case CustomFieldType.Text or CustomFieldType.Date or CustomFieldType.Choice when value.ValueKind == JsonValueKind.String:
                return TryParse(definition, value.GetString()!, out node, out error);
            default:
                error = Expected(definition);
                return false;
        }
    }

    /// <summary>A text value (a CSV cell, a filter) for <paramref name="definition"/>; empty means no value.</summary>
    public static bool TryParse(CustomFieldDefinition definition, string text, out JsonNode? node, out string error)
    {
        node = null;
        error = string.Empty;
        var value = text.Trim();
        if (value.Length == 0)
        {
            return true;
        }

        switch (definition.Type)
        {
            case CustomFieldType.Text:
                if (value.Length > MaxTextLength)
                {
                    error = Texts.Format("field.maxChars", ("max", MaxTextLength));
                    return false;
                }

                node = JsonValue.Create(value);
                return true;
            case CustomFieldType.Number:
                var (number, isNumber) = ParseNumber(value);
                return TryNumber(number, isNumber, out node, out error);
            case CustomFieldType.Date:
                // A date with a time of exactly midnight is how spreadsheets and databases write a date cell ("2026-03-01
                // 00:00:00", "2026-03-01T00:00:00Z"): that is the day, whatever the zone it was written in.
                if (TryDate(MidnightSuffix().Replace(value, string.Empty), out var date))
                {
                    node = JsonValue.Create(date);
                    return true;
                }

                // A date and time is refused, not cut to its day: which day a moment falls on depends on the time zone.
                error = value.Length > 10 && value[10] is 'T' or 't' or ' ' && TryDate(value[..10], out var day)
                    ? Texts.Format("customField.dateWithTime", ("date", day))
                    : Texts.Get("customField.notADate");
                return false;
            case CustomFieldType.Boolean:
                if (TryParseBoolean(value, out var flag))
                {
                    node = JsonValue.Create(flag);
                    return true;
                }

                error = NotABoolean;
                return false;

            case CustomFieldType.Choice:
                if (MatchOption(definition, value) is { } option)
                {
                    node = JsonValue.Create(option);
                    return true;
                }

                error = OptionsMessage(definition);
                return false;
            default:
                // Multiple choice from text: options separated by ; or |.
                return TryMultiChoice(definition, value.Split([';', '|'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries), out node, out error);
        }
    }

    [GeneratedRegex(@"(?<=^\d{4}-\d{2}-\d{2})[Tt ]00:00(:00(\.0+)?)?([Zz]|[+-]\d{2}:?\d{2})?$", RegexOptions.CultureInvariant)]
    private static partial Regex MidnightSuffix();

    private static bool TryDate(string text, out string date)
    {
        var ok = DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed);
        date = ok ? parsed.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : string.Empty;
        return ok;
    }

    public static string NotABoolean => Texts.Get("customField.notABoolean");

    /// <summary>Yes and no in the five languages (true/false, sim/não, sí/no, tak/nie, ναι/όχι, 1/0).</summary>
    public static bool TryParseBoolean(string text, out bool value)
    {
        switch (SearchText.Fold(text.Trim()))
        {
            case "true" or "yes" or "y" or "1" or "sim" or "si" or "tak" or "ναι":
                value = true;
                return true;
            case "false" or "no" or "n" or "0" or "nao" or "nie" or "οχι":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }

    /// <summary>
    /// A list filter <c>key:value</c> as a jsonb containment document, so the GIN index on the values answers it.
    /// A multiple-choice filter matches records holding that option.
    /// </summary>
    public bool TryFilter(string filter, out string containment, out string error)
    {
        containment = string.Empty;
        var colon = filter.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            error = Texts.Get("customField.filterShape");
            return false;
        }

        var key = filter[..colon].Trim();
        if (Find(key) is not { } definition)
        {
            error = Texts.Format("customField.unknownInFilter", ("key", key), ("entity", entityName));
            return false;
        }

        if (!TryParse(definition, filter[(colon + 1)..], out var node, out error))
        {
            return false;
        }

        if (node is null)
        {
            error = Texts.Get("customField.filterValue");
            return false;
        }

        containment = CustomFieldJson.Write([new(key, node)]);
        return true;
    }

    /// <summary>List filters (<c>key:value</c>, all must hold) as jsonb containment documents; a bad one is a 400 naming <c>customField</c>.</summary>
    public static async Task<IReadOnlyList<string>> FiltersAsync(ICrmDbContext db, CustomFieldEntity entity, IReadOnlyList<string>? filters, CancellationToken ct)
    {
        if (filters is not { Count: > 0 })
        {
            return [];
        }

        var schema = await LoadAsync(db, entity, ct);
        var documents = new List<string>(filters.Count);
        foreach (var filter in filters)
        {
            if (!schema.TryFilter(filter, out var containment, out var error))
            {
                throw new BadRequestException("customField", error);
            }

            documents.Add(containment);
        }

        return documents;
    }

    public static string? MatchOption(CustomFieldDefinition definition, string value)
    {
        var folded = SearchText.Fold(value.Trim());
        return definition.Options.FirstOrDefault(o => string.Equals(o, value.Trim(), StringComparison.Ordinal))
            ?? definition.Options.FirstOrDefault(o => SearchText.Fold(o) == folded);
    }

    private static bool TryMultiChoice(CustomFieldDefinition definition, IEnumerable<string> values, out JsonNode? node, out string error)
    {
        node = null;
        error = string.Empty;
        var chosen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            if (MatchOption(definition, value) is not { } option)
            {
                error = OptionsMessage(definition);
                return false;
            }

            chosen.Add(option);
        }

        if (chosen.Count > 0)
        {
            // Definition order, so the same choice is always the same text.
            node = new JsonArray([.. definition.Options.Where(chosen.Contains).Select(o => (JsonNode)JsonValue.Create(o))]);
        }

        return true;
    }

    private static bool TryNumber(decimal? number, bool isNumber, out JsonNode? node, out string error)
    {
        node = null;
        error = string.Empty;
        if (number is not { } n)
        {
            error = Texts.Get(isNumber ? "customField.numberTooLarge" : "customField.notANumber");
            return false;
        }

        // Dividing by 1.000…0 drops trailing zeros, so 1.50 and 1.5 are one value.
        node = JsonValue.Create(n / 1.000000000000000000000000000000000m);
        return true;
    }

    /// <summary>
    /// 1234.5, 1,234.5, 1234,5 (a lone comma is a decimal comma) and 1 234,5 all read as numbers; IsNumber also when
    /// the text is a number beyond decimal's range (1e30), which is then too large rather than not a number.
    /// </summary>
    private static (decimal? Value, bool IsNumber) ParseNumber(string text)
    {
        var t = text.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("\u00a0", string.Empty, StringComparison.Ordinal);
        if (t.Contains(',', StringComparison.Ordinal) && !t.Contains('.', StringComparison.Ordinal) && t.Count(c => c == ',') == 1)
        {
            t = t.Replace(',', '.');
        }
        else
        {
            t = t.Replace(",", string.Empty, StringComparison.Ordinal);
        }

        if (decimal.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var n))
        {
            return (n, true);
        }

        // double reads "NaN" and "Infinity" too: a number here has a digit.
        return (null, t.Any(char.IsAsciiDigit) && double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var f) && !double.IsNaN(f));
    }

    private static string Expected(CustomFieldDefinition d) => d.Type switch
    {
        CustomFieldType.Number => Texts.Get("customField.expectedNumber"),
        CustomFieldType.Boolean => Texts.Get("customField.expectedBoolean"),
        CustomFieldType.Date => Texts.Get("customField.expectedDate"),
        CustomFieldType.MultiChoice => Texts.Get("customField.expectedOptions"),
        CustomFieldType.Choice => Texts.Get("customField.expectedOption"),
        _ => Texts.Get("customField.expectedString"),
    };

    private static string OptionsMessage(CustomFieldDefinition d) =>
        Texts.Format("customField.notAnOption", ("options", string.Join(", ", d.Options.Take(20)) + (d.Options.Count > 20 ? ", …" : string.Empty)));
}
