namespace Crm.Contracts.Customers;

/// <summary>A postal address.</summary>
public sealed record AddressDto
{
    /// <summary>Street and number.</summary>
    /// <example>Rua Augusta 24</example>
    public string? Line1 { get; init; }

    /// <summary>Further address detail.</summary>
    public string? Line2 { get; init; }

    /// <summary>City.</summary>
    /// <example>São Paulo</example>
    public string? City { get; init; }

    /// <summary>Region, state or province.</summary>
    public string? Region { get; init; }

    /// <summary>Postal code.</summary>
    /// <example>01305-000</example>
    public string? PostalCode { get; init; }

    /// <summary>ISO 3166-1 alpha-2 country code; also the default region for phone numbers without a country code.</summary>
    /// <example>BR</example>
    public string? Country { get; init; }
}
