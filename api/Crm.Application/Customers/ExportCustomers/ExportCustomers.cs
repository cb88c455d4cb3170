using AutoMapper;
using AutoMapper.QueryableExtensions;
using Crm.Application.Common;
using Crm.Application.CustomFields;
using Crm.Application.Customers.ListCustomers;
using Crm.Contracts.Customers;
using Crm.Domain.CustomFields;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Crm.Application.Customers.ExportCustomers;

/// <summary>
/// Every customer matching the list's filters, streamed in id order: constant memory at any size.
/// A query returning the (lazy) stream, so the validation pipeline runs before the first byte is sent.
/// </summary>
/// <param name="Filter">The list's filters.</param>
/// <param name="DryRun">
/// Check the filters as the export does (the same 400s and 404s) and read nothing: no bulk connection, no rows. For
/// HEAD, and before making a download link.
/// </param>
public sealed record ExportCustomers(CustomerFilter Filter, bool DryRun = false) : IQuery<ExportStream<CustomerResponse>>;

public sealed class ExportCustomersValidator : AbstractValidator<ExportCustomers>
{
    public ExportCustomersValidator() => RuleFor(x => x.Filter).SetValidator(new CustomerFilterValidator());
}

public sealed class ExportCustomersHandler(IBulkDbContext bulk, ICrmDbContext requestDb, IMapper mapper) : IQueryHandler<ExportCustomers, ExportStream<CustomerResponse>>
{
    public async ValueTask<ExportStream<CustomerResponse>> Handle(ExportCustomers query, CancellationToken cancellationToken)
    {
        if (query.DryRun)
        {
            await query.Filter.PrepareAsync(requestDb, cancellationToken);
            return new([], AsyncEnumerable.Empty<CustomerResponse>());
        }

        var db = await bulk.OpenAsync(cancellationToken); // streamed for as long as the client takes to download it: a bulk connection
        var rows = (await query.Filter.ApplyAsync(db, db.Customers.AsNoTracking(), cancellationToken))
            .OrderBy(c => c.Id)
            .ProjectTo<CustomerResponse>(mapper.ConfigurationProvider)
            .AsAsyncEnumerable();
        return new(await CustomFieldSchema.KeysAsync(db, CustomFieldEntity.Customers, cancellationToken), rows);
    }
}
