using AutoMapper;
using AutoMapper.QueryableExtensions;
using Crm.Application.Common;
using Crm.Application.Customers.ListCustomers;
using Crm.Contracts.Customers;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Crm.Application.Customers.ExportCustomers;

/// <summary>
/// Every customer matching the list's filters, streamed in id order: constant memory at any size.
/// A query returning the (lazy) stream, so the validation pipeline runs before the first byte is sent.
/// </summary>
public sealed record ExportCustomers(CustomerFilter Filter) : IQuery<IAsyncEnumerable<CustomerResponse>>;

public sealed class ExportCustomersValidator : AbstractValidator<ExportCustomers>
{
    public ExportCustomersValidator() => RuleFor(x => x.Filter).SetValidator(new CustomerFilterValidator());
}

public sealed class ExportCustomersHandler(ICrmDbContext db, IMapper mapper) : IQueryHandler<ExportCustomers, IAsyncEnumerable<CustomerResponse>>
{
    public async ValueTask<IAsyncEnumerable<CustomerResponse>> Handle(ExportCustomers query, CancellationToken cancellationToken) =>
        (await query.Filter.ApplyAsync(db, db.Customers.AsNoTracking(), cancellationToken))
            .OrderBy(c => c.Id)
            .ProjectTo<CustomerResponse>(mapper.ConfigurationProvider)
            .AsAsyncEnumerable();
}
