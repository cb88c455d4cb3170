using AutoMapper;
using Crm.Application.Common;
using Crm.Contracts.Customers;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Crm.Application.Contacts.UpdateContact;

public sealed record UpdateContact(Guid Id, ContactInput Input, IReadOnlyCollection<uint>? IfMatch) : ICommand<Versioned<ContactResponse>>;

public sealed class UpdateContactValidator : AbstractValidator<UpdateContact>
{
    public UpdateContactValidator() => RuleFor(x => x.Input).NotNull().SetValidator(new ContactInputValidator());
}

public sealed class UpdateContactHandler(ICrmDbContext db, IMapper mapper) : ICommandHandler<UpdateContact, Versioned<ContactResponse>>
{
    public async ValueTask<Versioned<ContactResponse>> Handle(UpdateContact request, CancellationToken cancellationToken)
    {
        var contact = await db.Contacts.FirstOrDefaultAsync(c => c.Id == request.Id, cancellationToken)
            ?? throw new NotFoundException("notFound.contact", request.Id);
        return await ContactInputs.ApplyAsync(db, mapper, contact, request.Input, request.IfMatch, cancellationToken);
    }
}
