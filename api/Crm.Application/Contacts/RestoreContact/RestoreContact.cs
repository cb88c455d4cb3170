using AutoMapper;
using Crm.Application.Common;
using Crm.Contracts.Customers;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Crm.Application.Contacts.RestoreContact;

public sealed record RestoreContact(Guid Id) : ICommand<Versioned<ContactResponse>>;

public sealed class RestoreContactHandler(ICrmDbContext db, IMapper mapper) : ICommandHandler<RestoreContact, Versioned<ContactResponse>>
{
    public async ValueTask<Versioned<ContactResponse>> Handle(RestoreContact request, CancellationToken cancellationToken)
    {
        var contact = await db.Contacts.FirstOrDefaultAsync(c => c.Id == request.Id, cancellationToken)
            ?? throw new NotFoundException("notFound.contact", request.Id);
        if (contact.Restore())
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return mapper.Map<Versioned<ContactResponse>>(contact);
    }
}
