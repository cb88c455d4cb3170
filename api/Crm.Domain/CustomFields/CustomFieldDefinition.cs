using System.Text.RegularExpressions;
using Crm.Domain.Common;

namespace Crm.Domain.CustomFields;

/// <summary>The record type a custom field extends.</summary>
public enum CustomFieldEntity
{
    Customers,
    Contacts,
}

/// <summary>What a custom field holds.</summary>
public enum CustomFieldType
{
    Text,
    Number,
    Date,
    Boolean,
    Choice,
    MultiChoice,
}

/// <summary>
/// An extra field an Admin defines for customers or contacts. Values live with the record in a JSON
/// object keyed by <see cref="Key"/>; the key and type never change, so stored values stay valid.
/// </summary>
public sealed partial class CustomFieldDefinition : Entity, IAuditable
{
    public const int MaxOptions = 200;

    private CustomFieldDefinition()
    {
    }

    public CustomFieldEntity Entity { get; private set; }

    /// <summary>camelCase or snake_case identifier, unique per entity: <c>sector</c>, <c>annualRevenue</c>.</summary>
    public string Key { get; private set; } = string.Empty;

    public string Label { get; private set; } = string.Empty;

    public string? Description { get; private set; }

    public CustomFieldType Type { get; private set; }

    /// <summary>The allowed values of a choice or multiple-choice field, in display order.</summary>
    public List<string> Options { get; private set; } = [];

    public static bool IsValidKey(string? key) => key is not null && KeyPattern().IsMatch(key);

    public static CustomFieldDefinition Define(CustomFieldEntity entity, string key, string label, string? description, CustomFieldType type, IReadOnlyList<string> options)
    {
        if (!IsValidKey(key))
        {
            throw new DomainException("domain.customFieldKey", "A custom field key starts with a lower-case letter and holds only letters, digits and _ (at most 50).");
        }

        var field = new CustomFieldDefinition { Entity = entity, Key = key, Type = type };
        field.Change(label, description, options);
        return field;
    }

    public bool HasOptions => Type is CustomFieldType.Choice or CustomFieldType.MultiChoice;

    public void Change(string label, string? description, IReadOnlyList<string> options)
    {
        if (string.IsNullOrWhiteSpace(label))
        {
            throw new DomainException("domain.customFieldLabel", "A custom field needs a label.");
        }

        // Values match an option ignoring case and accents, so options that differ only so are one option (the first kept).
        var cleaned = options.Select(o => o.Trim()).Where(o => o.Length > 0).DistinctBy(SearchText.Fold, StringComparer.Ordinal).ToList();
        if (HasOptions && cleaned.Count == 0)
        {
            throw new DomainException("domain.choiceNeedsOptions", "A choice field needs at least one option.");
        }

        if (!HasOptions && cleaned.Count > 0)
        {
            throw new DomainException("domain.onlyChoicesHaveOptions", "Only choice fields have options.");
        }

        Label = label.Trim();
        Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        if (!cleaned.SequenceEqual(Options, StringComparer.Ordinal))
        {
            Options = cleaned;
        }
    }

    [GeneratedRegex("^[a-z][A-Za-z0-9_]{0,49}$")]
    private static partial Regex KeyPattern();
}
