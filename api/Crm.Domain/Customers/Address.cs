namespace Crm.Domain.Customers;

/// <summary>A postal address; <see cref="Country"/> is ISO 3166-1 alpha-2.</summary>
public sealed record Address(string? Line1, string? Line2, string? City, string? Region, string? PostalCode, string? Country)
{
    public bool IsEmpty =>
        Line1 is null && Line2 is null && City is null && Region is null && PostalCode is null && Country is null;
}
