using AutoMapper;
using AutoMapper.QueryableExtensions;
using Crm.Application.Common;
using Crm.Contracts.Customers;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Crm.Application.Contacts.GetContact;

public sealed record GetContact(Guid Id) : IQuery<Versioned<ContactResponse>>;

public sealed class GetContactHandler(ICrmDbContext db, IMapper mapper) : IQueryHandler<GetContact, Versioned<ContactResponse>>
{
    public async ValueTask<Versioned<ContactResponse>> Handle(GetContact request, CancellationToken cancellationToken) =>
        await db.Contacts.AsNoTracking().Where(c => c.Id == request.Id)
            .ProjectTo<Versioned<ContactResponse>>(mapper.ConfigurationProvider)
            .FirstOrDefaultAsync(cancellationToken)
        ?? throw new NotFoundException("Contact", request.Id);
}
