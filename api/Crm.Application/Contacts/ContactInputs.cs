using AutoMapper;
using Crm.Application.Common;
using Crm.Application.CustomFields;
using Crm.Contracts.Customers;
using Crm.Domain.Common;
using Crm.Domain.CustomFields;
using Crm.Domain.Customers;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Crm.Application.Contacts;

public static class ContactInputs
{
    public static ContactDetails ToDetails(ContactInput input, string customFields)
    {
        ContactPoints.TryNormalizePhone(input.Phone, null, out var phone);
        return new ContactDetails(
            input.CustomerId!.Value,
            UnicodeText.Nfc(input.FirstName!.Trim()), // as the entity keeps them; the import stages these details
            Clean(input.LastName) is { } last ? UnicodeText.Nfc(last) : null,
            ContactPoints.NormalizeEmail(input.Email),
            phone,
            Clean(input.JobTitle),
            input.EmailConsent,
            Clean(input.ExternalId),
            customFields);
    }

    public static ContactInput ToInput(Contact c) => new()
    {
        CustomerId = c.CustomerId,
        FirstName = c.FirstName,
        LastName = c.LastName,
        Email = c.Email,
        Phone = c.Phone,
        JobTitle = c.JobTitle,
        EmailConsent = c.EmailConsent,
        ExternalId = c.ExternalId,
        CustomFields = CustomFieldJson.ToDictionary(c.CustomFields),
    };

    public static async Task EnsureValidAsync(ICrmDbContext db, ContactDetails d, Guid? self, CancellationToken ct)
    {
        if (!await db.Customers.AnyAsync(c => c.Id == d.CustomerId, ct))
        {
            throw new BadRequestException("customerId", Texts.Get("validation.noSuchCustomer"));
        }

        if (d.Email is { } email)
        {
            var existing = await db.Contacts.Where(c => c.Email == email && c.Id != self).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(ct);
            if (existing is { } id)
            {
                throw new ConflictException(Texts.Get("conflict.contactEmail"), "email", id, $"/api/v1/contacts/{id}");
            }
        }

        if (d.ExternalId is { } externalId)
        {
            var existing = await db.Contacts.Where(c => c.ExternalId == externalId && c.Id != self).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(ct);
            if (existing is { } id)
            {
                throw new ConflictException(Texts.Get("conflict.contactExternalId"), "externalId", id, $"/api/v1/contacts/{id}");
            }
        }
    }

    public static async Task<Versioned<ContactResponse>> ApplyAsync(
        ICrmDbContext db, IMapper mapper, Contact contact, ContactInput input, IReadOnlyCollection<uint>? ifMatch, CancellationToken ct)
    {
        Concurrency.Check(db, contact, ifMatch);
        var details = ToDetails(input, await CustomFieldSchema.NormalizeAsync(db, CustomFieldEntity.Contacts, input.CustomFields, ct));
        await EnsureValidAsync(db, details, contact.Id, ct);
        contact.Update(details);
        await db.SaveChangesAsync(ct);
        return mapper.Map<Versioned<ContactResponse>>(contact);
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
