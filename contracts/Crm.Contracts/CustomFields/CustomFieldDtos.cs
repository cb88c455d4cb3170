namespace Crm.Contracts.CustomFields;

/// <summary>The record type a custom field extends.</summary>
public enum CustomFieldEntity
{
    /// <summary>Customers (companies and individuals).</summary>
    Customers,

    /// <summary>Contacts at customers.</summary>
    Contacts,
}

/// <summary>What a custom field holds, and so how its value is written in JSON.</summary>
public enum CustomFieldType
{
    /// <summary>A string of at most 1,000 characters.</summary>
    Text,

    /// <summary>A JSON number (a CSV import also reads 1100,04).</summary>
    Number,

    /// <summary>An ISO 8601 date string, <c>2026-11-23</c>.</summary>
    Date,

    /// <summary>true or false.</summary>
    Boolean,

    /// <summary>One of the options, as a string.</summary>
    Choice,

    /// <summary>An array of options.</summary>
    MultiChoice,
}

/// <summary>Defines a custom field (Admin).</summary>
public sealed record CreateCustomFieldRequest
{
    /// <summary>The record type it extends. Required; never changes.</summary>
    public CustomFieldEntity? Entity { get; init; }

    /// <summary>Key in <c>customFields</c>: starts with a lower-case letter, then letters, digits or _, at most 50. Unique per entity; never changes.</summary>
    /// <example>sector</example>
    public string? Key { get; init; }

    /// <summary>What forms and columns show, 1–100 characters.</summary>
    /// <example>Sector</example>
    public string? Label { get; init; }

    /// <summary>Help text, at most 500 characters.</summary>
    public string? Description { get; init; }

    /// <summary>The value type. Required; never changes.</summary>
    public CustomFieldType? Type { get; init; }

    /// <summary>For choice and multiChoice: the allowed values (1–200, each 1–100 characters). Empty for other types.</summary>
    /// <example>["technology", "medical", "retail"]</example>
    public IReadOnlyList<string>? Options { get; init; }
}

/// <summary>Changes a custom field's label, help text or options (key and type stay).</summary>
public sealed record UpdateCustomFieldRequest
{
    /// <summary>What forms and columns show, 1–100 characters.</summary>
    public string? Label { get; init; }

    /// <summary>Help text, at most 500 characters.</summary>
    public string? Description { get; init; }

    /// <summary>For choice fields: the allowed values. An option still used by a record cannot be removed (409).</summary>
    public IReadOnlyList<string>? Options { get; init; }
}

/// <summary>A custom field definition.</summary>
public sealed record CustomFieldResponse
{
    /// <summary>Definition id.</summary>
    public Guid Id { get; init; }

    /// <summary>The record type it extends.</summary>
    public CustomFieldEntity Entity { get; init; }

    /// <summary>Key in <c>customFields</c>.</summary>
    public string Key { get; init; } = string.Empty;

    /// <summary>Display label.</summary>
    public string Label { get; init; } = string.Empty;

    /// <summary>Help text.</summary>
    public string? Description { get; init; }

    /// <summary>The value type.</summary>
    public CustomFieldType Type { get; init; }

    /// <summary>Allowed values of a choice field, in display order.</summary>
    public IReadOnlyList<string> Options { get; init; } = [];

    /// <summary>Creation time (UTC).</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Last change (UTC).</summary>
    public DateTimeOffset UpdatedAt { get; init; }
}
