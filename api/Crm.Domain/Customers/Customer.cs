using Crm.Domain.Common;

namespace Crm.Domain.Customers;

/// <summary>The editable state of a customer, already validated and normalised.</summary>
public sealed record CustomerDetails(
    CustomerKind Kind,
    string Name,
    string? Email,
    string? Phone,
    string? Website,
    CustomerType Type,
    LifecycleStage? LifecycleStage,
    Guid? OwnerId,
    IReadOnlyList<string> Tags,
    string? ExternalId,
    Address? Address,
    string CustomFields);

/// <summary>A party the organisation deals with: a company or an individual.</summary>
public sealed class Customer : ArchivableEntity, IAuditable, ISearchable
{
    private Customer()
    {
    }

    public CustomerKind Kind { get; private set; }

    public string Name { get; private set; } = string.Empty;

    public string? Email { get; private set; }

    public string? Phone { get; private set; }

    public string? Website { get; private set; }

    public CustomerType Type { get; private set; }

    public LifecycleStage? LifecycleStage { get; private set; }

    public Guid? OwnerId { get; private set; }

    public List<string> Tags { get; private set; } = [];

    public string? ExternalId { get; private set; }

    public string? AddressLine1 { get; private set; }

    public string? AddressLine2 { get; private set; }

    public string? AddressCity { get; private set; }

    public string? AddressRegion { get; private set; }

    public string? AddressPostalCode { get; private set; }

    public string? AddressCountry { get; private set; }

    /// <summary>Custom field values: a canonical JSON object (sorted keys, no nulls), <c>{}</c> when none.</summary>
    public string CustomFields { get; private set; } = "{}";

    [NotAudited]
    public string SearchText { get; private set; } = string.Empty;

    public static Customer Create(CustomerDetails details)
    {
        var customer = new Customer();
        customer.Apply(details);
        return customer;
    }

    public void Update(CustomerDetails details)
    {
        if (IsArchived)
        {
            throw new DomainException("domain.customerArchived", "An archived customer cannot be changed; restore it first.");
        }

        Apply(details);
    }

    public CustomerDetails ToDetails() => new(
        Kind, Name, Email, Phone, Website, Type, LifecycleStage, OwnerId, Tags, ExternalId,
        AddressLine1 is null && AddressLine2 is null && AddressCity is null && AddressRegion is null
            && AddressPostalCode is null && AddressCountry is null
            ? null
            : new Address(AddressLine1, AddressLine2, AddressCity, AddressRegion, AddressPostalCode, AddressCountry),
        CustomFields);

    private void Apply(CustomerDetails d)
    {
        if (string.IsNullOrWhiteSpace(d.Name))
        {
            throw new DomainException("domain.customerName", "A customer needs a name.");
        }

        Kind = d.Kind;
        // NFC, so that a name sent decomposed (e + U+0301) sorts and compares as the same name typed composed.
        Name = UnicodeText.Nfc(d.Name);
        Email = d.Email;
        Phone = d.Phone;
        Website = d.Website;
        Type = d.Type;
        LifecycleStage = d.LifecycleStage;
        OwnerId = d.OwnerId;
        var tags = d.Tags.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (!tags.SequenceEqual(Tags))
        {
            Tags = tags;
        }

        ExternalId = d.ExternalId;
        var a = d.Address is { IsEmpty: false } ? d.Address : null;
        AddressLine1 = a?.Line1;
        AddressLine2 = a?.Line2;
        AddressCity = a?.City;
        AddressRegion = a?.Region;
        AddressPostalCode = a?.PostalCode;
        AddressCountry = a?.Country;
        CustomFields = d.CustomFields;
        SearchText = Common.SearchText.Build(Name, Email, Phone, Website, ExternalId, AddressCity);
    }
}
