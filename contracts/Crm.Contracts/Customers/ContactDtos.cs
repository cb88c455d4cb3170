using System.Text.Json;

namespace Crm.Contracts.Customers;

/// <summary>A contact as sent to create (POST) or replace (PUT) one.</summary>
public sealed record ContactInput
{
    /// <summary>The customer this person belongs to.</summary>
    public Guid? CustomerId { get; init; }

    /// <summary>First name, 1–100 characters.</summary>
    /// <example>Γιώργος</example>
    public string? FirstName { get; init; }

    /// <summary>Last name, up to 100 characters.</summary>
    /// <example>Παπαδόπουλος</example>
    public string? LastName { get; init; }

    /// <summary>Email; trimmed and lower-cased; unique across contacts.</summary>
    /// <example>g.papadopoulos@example.gr</example>
    public string? Email { get; init; }

    /// <summary>Phone; stored in E.164 (include the country code).</summary>
    /// <example>+30 21 0123 4567</example>
    public string? Phone { get; init; }

    /// <summary>Job title.</summary>
    public string? JobTitle { get; init; }

    /// <summary>Whether the person agreed to receive marketing email.</summary>
    public bool EmailConsent { get; init; }

    /// <summary>The id of this person in another system; unique across contacts.</summary>
    /// <example>ERP-C-0042</example>
    public string? ExternalId { get; init; }

    /// <summary>Values of the custom fields Admins defined for contacts, by key. A null value clears the field.</summary>
    public IReadOnlyDictionary<string, JsonElement>? CustomFields { get; init; }
}

/// <summary>A person at a customer.</summary>
public sealed record ContactResponse
{
    /// <summary>UUIDv7 id.</summary>
    public Guid Id { get; init; }

    /// <summary>The customer this person belongs to.</summary>
    public Guid CustomerId { get; init; }

    /// <summary>First name.</summary>
    public string FirstName { get; init; } = string.Empty;

    /// <summary>Last name.</summary>
    public string? LastName { get; init; }

    /// <summary>Normalised email.</summary>
    public string? Email { get; init; }

    /// <summary>Phone in E.164.</summary>
    public string? Phone { get; init; }

    /// <summary>Job title.</summary>
    public string? JobTitle { get; init; }

    /// <summary>Consent to marketing email.</summary>
    public bool EmailConsent { get; init; }

    /// <summary>Id in another system.</summary>
    public string? ExternalId { get; init; }

    /// <summary>Custom field values by key (fields without a value are absent).</summary>
    public IReadOnlyDictionary<string, JsonElement> CustomFields { get; init; } = EmptyCustomFields.Value;

    /// <summary>When archived; null while active.</summary>
    public DateTimeOffset? ArchivedAt { get; init; }

    /// <summary>Creation time (UTC).</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Last change (UTC).</summary>
    public DateTimeOffset UpdatedAt { get; init; }
}
