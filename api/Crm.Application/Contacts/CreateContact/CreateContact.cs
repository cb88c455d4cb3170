using AutoMapper;
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

public sealed class CreateContactHandler(ICrmDbContext db, IMapper mapper) : ICommandHandler<CreateContact, Versioned<ContactResponse>>
{
    public async ValueTask<Versioned<ContactResponse>> Handle(CreateContact request, CancellationToken cancellationToken)
    {
        var details = ContactInputs.ToDetails(request.Input, await CustomFieldSchema.NormalizeAsync(db, CustomFieldEntity.Contacts, request.Input.CustomFields, cancellationToken));
        await ContactInputs.EnsureValidAsync(db, details, null, cancellationToken);
        var contact = Contact.Create(details);
        db.Contacts.Add(contact);
        await db.SaveChangesAsync(cancellationToken);
        return mapper.Map<Versioned<ContactResponse>>(contact);
    }
}
