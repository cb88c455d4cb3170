using Crm.Application.Common;
using Crm.Application.Customers.ListCustomers;
using Crm.Contracts.Customers;
using Mediator;
using Npgsql;

namespace Crm.Application.Customers.GetCustomer;

public sealed record GetCustomer(Guid Id) : IQuery<Versioned<CustomerResponse>>;

public sealed class GetCustomerHandler(ICrmDbContext db) : IQueryHandler<GetCustomer, Versioned<CustomerResponse>>
{
    /// <summary>
    /// The hottest read, as one hand-written statement whose row <see cref="CustomerRows"/> reads, as the list and the
    /// search read theirs; the row version (the ETag) last. Without EF Core's query pipeline, which even a compiled query
    /// runs on every call (command, execution strategy, diagnostics, shaper). bench/pgbench/get.sql sends the same
    /// statement; ListCustomersTests compares its body with the items of the list and of the search.
    /// </summary>
    internal const string Sql = $"SELECT {CustomerRows.Columns}, c.xmin FROM customers AS c WHERE c.id = @id";

    public async ValueTask<Versioned<CustomerResponse>> Handle(GetCustomer request, CancellationToken cancellationToken)
    {
        var rows = await RawQuery.ListAsync(db, Sql, [new NpgsqlParameter("id", request.Id)], Read, Planning.Default, cancellationToken);
        return rows is [var row] ? row : throw new NotFoundException("notFound.customer", request.Id);
    }

    private static Versioned<CustomerResponse> Read(NpgsqlDataReader r) =>
        new() { Value = CustomerRows.Read(r), Version = r.GetFieldValue<uint>(CustomerRows.Count) };
}
