using System.Text.Json;

namespace Crm.Contracts.Customers;

/// <summary>A customer as sent to create (POST) or replace (PUT) one.</summary>
public sealed record CustomerInput
{
    /// <summary>Company or person. Defaults to company.</summary>
    public CustomerKind Kind { get; init; } = CustomerKind.Company;

    /// <summary>Display name, 1–200 characters.</summary>
    /// <example>Zakład Łódzki Sp. z o.o.</example>
    public string? Name { get; init; }

    /// <summary>Email address; trimmed and lower-cased. Unique across customers.</summary>
    /// <example>biuro@zaklad-lodzki.pl</example>
    public string? Email { get; init; }

    /// <summary>Phone number; stored in E.164. Without a leading + the address country is used as region.</summary>
    /// <example>+48 42 123 45 67</example>
    public string? Phone { get; init; }

    /// <summary>Website; stored as a canonical absolute URL.</summary>
    /// <example>zaklad-lodzki.pl</example>
    public string? Website { get; init; }

    /// <summary>Relationship type. Defaults to lead.</summary>
    public CustomerType Type { get; init; } = CustomerType.Lead;

    /// <summary>Marketing lifecycle stage.</summary>
    public LifecycleStage? LifecycleStage { get; init; }

    /// <summary>Id of the user who owns the relationship.</summary>
    public Guid? OwnerId { get; init; }

    /// <summary>Free tags, each 1–50 characters, at most 50.</summary>
    public IReadOnlyList<string>? Tags { get; init; }

    /// <summary>The id of this customer in another system; unique across customers.</summary>
    /// <example>ERP-000123</example>
    public string? ExternalId { get; init; }

    /// <summary>Postal address.</summary>
    public AddressDto? Address { get; init; }

    /// <summary>Values of the custom fields Admins defined for customers (GET /api/v1/custom-fields?entity=customers), by key. A null value clears the field.</summary>
    /// <example>{ "sector": "technology", "employees": 2822 }</example>
    public IReadOnlyDictionary<string, JsonElement>? CustomFields { get; init; }
}

/// <summary>A customer: a company or an individual the organisation deals with.</summary>
public sealed record CustomerResponse
{
    /// <summary>UUIDv7 id.</summary>
    public Guid Id { get; init; }

    /// <summary>Company or person.</summary>
    public CustomerKind Kind { get; init; }

    /// <summary>Display name.</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>Normalised email (lower case).</summary>
    public string? Email { get; init; }

    /// <summary>Phone in E.164.</summary>
    public string? Phone { get; init; }

    /// <summary>Canonical website URL.</summary>
    public string? Website { get; init; }

    /// <summary>Relationship type.</summary>
    public CustomerType Type { get; init; }

    /// <summary>Marketing lifecycle stage.</summary>
    public LifecycleStage? LifecycleStage { get; init; }

    /// <summary>Owning user.</summary>
    public Guid? OwnerId { get; init; }

    /// <summary>Tags.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Id in another system.</summary>
    public string? ExternalId { get; init; }

    /// <summary>Postal address, or null.</summary>
    public AddressDto? Address { get; init; }

    /// <summary>Custom field values by key (fields without a value are absent).</summary>
    public IReadOnlyDictionary<string, JsonElement> CustomFields { get; init; } = EmptyCustomFields.Value;

    /// <summary>When the customer was archived; null while active.</summary>
    public DateTimeOffset? ArchivedAt { get; init; }

    /// <summary>Creation time (UTC).</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Last change (UTC).</summary>
    public DateTimeOffset UpdatedAt { get; init; }
}
