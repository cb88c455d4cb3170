using AutoMapper;
using Crm.Application.Common;
using Crm.Contracts.Customers;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Crm.Application.Customers.RestoreCustomer;

public sealed record RestoreCustomer(Guid Id) : ICommand<Versioned<CustomerResponse>>;

public sealed class RestoreCustomerHandler(ICrmDbContext db, IMapper mapper) : ICommandHandler<RestoreCustomer, Versioned<CustomerResponse>>
{
    public async ValueTask<Versioned<CustomerResponse>> Handle(RestoreCustomer request, CancellationToken cancellationToken)
    {
        var customer = await db.Customers.FirstOrDefaultAsync(c => c.Id == request.Id, cancellationToken)
            ?? throw new NotFoundException("notFound.customer", request.Id);
        if (customer.Restore())
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return mapper.Map<Versioned<CustomerResponse>>(customer);
    }
}
