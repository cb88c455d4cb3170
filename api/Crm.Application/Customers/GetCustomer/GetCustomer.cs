using AutoMapper;
using AutoMapper.QueryableExtensions;
using Crm.Application.Common;
using Crm.Contracts.Customers;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Crm.Application.Customers.GetCustomer;

public sealed record GetCustomer(Guid Id) : IQuery<Versioned<CustomerResponse>>;

public sealed class GetCustomerHandler(ICrmDbContext db, IMapper mapper) : IQueryHandler<GetCustomer, Versioned<CustomerResponse>>
{
    public async ValueTask<Versioned<CustomerResponse>> Handle(GetCustomer request, CancellationToken cancellationToken) =>
        await db.Customers.AsNoTracking()
            .Where(c => c.Id == request.Id)
            .ProjectTo<Versioned<CustomerResponse>>(mapper.ConfigurationProvider)
            .FirstOrDefaultAsync(cancellationToken)
        ?? throw new NotFoundException("Customer", request.Id);
}
