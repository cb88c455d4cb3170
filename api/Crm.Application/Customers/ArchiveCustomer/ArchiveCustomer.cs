using Crm.Application.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Crm.Application.Customers.ArchiveCustomer;

/// <summary>DELETE archives: the customer leaves lists but nothing is lost; restore brings it back.</summary>
public sealed record ArchiveCustomer(Guid Id, IReadOnlyCollection<uint>? IfMatch) : ICommand;

public sealed class ArchiveCustomerHandler(ICrmDbContext db, TimeProvider clock) : ICommandHandler<ArchiveCustomer>
{
    public async ValueTask<Unit> Handle(ArchiveCustomer request, CancellationToken cancellationToken)
    {
        var customer = await db.Customers.FirstOrDefaultAsync(c => c.Id == request.Id, cancellationToken)
            ?? throw new NotFoundException("notFound.customer", request.Id);
        Concurrency.Check(db, customer, request.IfMatch);
        if (customer.Archive(clock.GetUtcNow()))
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return Unit.Value;
    }
}
