using System.Linq.Expressions;
using AutoMapper;
using Crm.Application.Common;
using Crm.Contracts.Customers;
using Crm.Domain.Customers;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Crm.Application.Customers.GetCustomer;

public sealed record GetCustomer(Guid Id) : IQuery<Versioned<CustomerResponse>>;

public sealed class GetCustomerHandler(ICrmDbContext db, IMapper mapper) : IQueryHandler<GetCustomer, Versioned<CustomerResponse>>
{
    // The hottest read: compiled once, so a request skips EF Core's query preparation (evaluating the tree and
    // hashing it to find the cached plan), which a profile put at a fifth of the API's CPU per request.
    private static Func<DbContext, Guid, CancellationToken, Task<Versioned<CustomerResponse>?>>? byId;

    public async ValueTask<Versioned<CustomerResponse>> Handle(GetCustomer request, CancellationToken cancellationToken)
    {
        var query = byId ??= Compile(mapper.ConfigurationProvider);
        return await query((DbContext)db, request.Id, cancellationToken)
            ?? throw new NotFoundException("Customer", request.Id);
    }

    /// <summary>db.Customers.AsNoTracking().Where(c => c.Id == id).ProjectTo&lt;…&gt;().FirstOrDefault(), with AutoMapper's projection inlined.</summary>
    private static Func<DbContext, Guid, CancellationToken, Task<Versioned<CustomerResponse>?>> Compile(IConfigurationProvider configuration)
    {
        var projection = CompiledProjection.Of<Customer, Versioned<CustomerResponse>>(configuration);
        Expression<Func<DbContext, Guid, IQueryable<Customer>>> source = (context, id) => context.Set<Customer>().AsNoTracking().Where(c => c.Id == id);
        var select = CompiledProjection.Select(source.Body, projection);
        var first = Expression.Call(typeof(Queryable), nameof(Queryable.FirstOrDefault), [typeof(Versioned<CustomerResponse>)], select);
        var lambda = Expression.Lambda<Func<DbContext, Guid, CancellationToken, Versioned<CustomerResponse>?>>(
            first, [.. source.Parameters, Expression.Parameter(typeof(CancellationToken), "ct")]);
        return EF.CompileAsyncQuery(lambda)!;
    }
}
