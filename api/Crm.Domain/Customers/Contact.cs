using Crm.Domain.Common;

namespace Crm.Domain.Customers;

/// <summary>The editable state of a contact, already validated and normalised.</summary>
public sealed record ContactDetails(
    Guid CustomerId,
    string FirstName,
    string? LastName,
    string? Email,
    string? Phone,
    string? JobTitle,
    bool EmailConsent,
    string? ExternalId,
    string CustomFields);

/// <summary>A person at a customer.</summary>
public sealed class Contact : ArchivableEntity, IAuditable, ISearchable
{
    private Contact()
    {
    }

    public Guid CustomerId { get; private set; }

    public string FirstName { get; private set; } = string.Empty;

    public string? LastName { get; private set; }

    public string? Email { get; private set; }

    public string? Phone { get; private set; }

    public string? JobTitle { get; private set; }

    public bool EmailConsent { get; private set; }

    /// <summary>The id of this person in another system; unique across contacts.</summary>
    public string? ExternalId { get; private set; }

    /// <summary>Custom field values: a canonical JSON object (sorted keys, no nulls), <c>{}</c> when none.</summary>
    public string CustomFields { get; private set; } = "{}";

    [NotAudited]
    public string SearchText { get; private set; } = string.Empty;

    public static Contact Create(ContactDetails details)
    {
        var contact = new Contact();
        contact.Apply(details);
        return contact;
    }

    public void Update(ContactDetails details)
    {
        if (IsArchived)
        {
            throw new DomainException("domain.contactArchived", "An archived contact cannot be changed; restore it first.");
        }

        Apply(details);
    }

    public ContactDetails ToDetails() => new(CustomerId, FirstName, LastName, Email, Phone, JobTitle, EmailConsent, ExternalId, CustomFields);

    private void Apply(ContactDetails d)
    {
        if (string.IsNullOrWhiteSpace(d.FirstName))
        {
            throw new DomainException("domain.contactFirstName", "A contact needs a first name.");
        }

        CustomerId = d.CustomerId;
        // NFC, so that a name sent decomposed (e + U+0301) sorts and compares as the same name typed composed.
        FirstName = UnicodeText.Nfc(d.FirstName);
        LastName = (d.LastName is null ? null : UnicodeText.Nfc(d.LastName));
        Email = d.Email;
        Phone = d.Phone;
        JobTitle = d.JobTitle;
        EmailConsent = d.EmailConsent;
        ExternalId = d.ExternalId;
        CustomFields = d.CustomFields;
        SearchText = Common.SearchText.Build(FirstName, LastName, Email, Phone, JobTitle, ExternalId);
    }
}
