using Crm.Application.Common;
using Crm.Application.CustomFields;
using Crm.Contracts.Customers;
using Crm.Domain.CustomFields;
using Crm.Domain.Customers;
using FluentValidation;
using Mediator;

namespace Crm.Application.Contacts.CreateContact;

public sealed record CreateContact(ContactInput Input) : ICommand<Versioned<ContactResponse>>;

public sealed class CreateContactValidator : AbstractValidator<CreateContact>
{
    public CreateContactValidator() => RuleFor(x => x.Input).NotNull().SetValidator(new ContactInputValidator());
}

/// <summary>Through <see cref="IInsertWriter"/>, as a customer's create: the contact, its audit row, its webhook event and its new search words in one round trip.</summary>
public sealed class CreateContactHandler(ICrmDbContext db, IInsertWriter inserts) : ICommandHandler<CreateContact, Versioned<ContactResponse>>
{
    public async ValueTask<Versioned<ContactResponse>> Handle(CreateContact request, CancellationToken cancellationToken)
    {
        var details = ContactInputs.ToDetails(request.Input, await CustomFieldSchema.NormalizeAsync(db, CustomFieldEntity.Contacts, request.Input.CustomFields, cancellationToken));
        await ContactInputs.EnsureValidAsync(db, details, null, cancellationToken);
        return await inserts.InsertAsync<ContactResponse>(Contact.Create(details), cancellationToken);
    }
}
