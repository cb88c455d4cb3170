using System.Text.RegularExpressions;
using Crm.Api.IntegrationTests.Infrastructure;
using Crm.Application.Common;
using Crm.Application.Customers.ListCustomers;
using Crm.Domain.Customers;
using Crm.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Api.IntegrationTests.Platform;

/// <summary>
/// The unfiltered customer list by name sends its row count as a literal (<c>LIMIT 8</c>), so that PostgreSQL reuses
/// one generic plan per page size instead of planning the prepared statement again on every page (<c>LIMIT $1</c>
/// prices a generic plan at a tenth of the table). This reads the statements Npgsql prepared on one connection, with
/// the plans PostgreSQL made for them (<c>pg_prepared_statements</c>), after twenty pages of each kind. Filtered lists
/// keep a parameter (a generic plan would misjudge a rare filter value): the general query by creation time is checked too.
/// </summary>
public sealed class LiteralLimitTests(CrmApiFactory factory) : ApiTest(factory)
{
    private static readonly Regex ListPage = new(
        @"^SELECT c\.id, c\.kind, .* FROM customers AS c WHERE c\.archived_at IS NULL(?<cursor> AND \(c\.name, c\.id\) > \(\$1, \$2\))? ORDER BY c\.(?<order>name|created_at), c\.id LIMIT (?<limit>\S+)$",
        RegexOptions.Singleline);

    [Fact]
    public async Task TheUnfilteredListByNameIsPreparedWithItsLimitAsALiteralAndRunsOnAGenericPlan()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        foreach (var name in new[] { "Alfa Lda.", "Beta SL", "Gamma Sp. z o.o.", "Δέλτα ΑΕ", "Epsilon SA", "Zeta Lda.", "Eta SL", "Theta SA", "Iota Lda." })
        {
            db.Customers.Add(Customer.Create(new CustomerDetails(CustomerKind.Company, name, null, null, null, CustomerType.Lead, null, null, [], null, null, "{}")));
        }

        await db.SaveChangesAsync(ct);
        await db.Database.OpenConnectionAsync(ct); // every page on one connection, which holds the prepared statements

        // Page sizes no other test uses, so the statements found below are this test's.
        var cursor = (await mediator.Send(new ListCustomers { Limit = 7 }, ct)).NextCursor;
        cursor.ShouldNotBeNull();
        for (var i = 0; i < 20; i++)
        {
            (await mediator.Send(new ListCustomers { Limit = 7 }, ct)).Items.Count.ShouldBe(7); // compiled, first page
            (await mediator.Send(new ListCustomers { Limit = 7, Cursor = cursor }, ct)).Items.Count.ShouldBe(2); // compiled, after a cursor
            (await mediator.Send(new ListCustomers { Limit = 11 }, ct)).Items.Count.ShouldBe(9); // another page size
            (await mediator.Send(new ListCustomers { Limit = 7, Sort = "createdAt" }, ct)).Items.Count.ShouldBe(7); // the general query
        }

        // The connection comes from the pool with statements other tests prepared on it: only the list's shapes count,
        // and among them only this test's page sizes (the general query sends the same SQL by name with LIMIT $1 when
        // a total is asked for). Before the literal, the compiled pages were prepared with LIMIT $3 and none matched.
        var pages = (await RawQuery.ListAsync(
                db, "SELECT statement, generic_plans FROM pg_prepared_statements", [], r => new Prepared(r.GetString(0), r.GetInt64(1)), Planning.Default, ct))
            .Select(s => (Page: ListPage.Match(string.Join(' ', s.Statement.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))), s.GenericPlans))
            .Where(s => s.Page.Success)
            .Select(s => (Cursor: s.Page.Groups["cursor"].Success, Order: s.Page.Groups["order"].Value, Limit: s.Page.Groups["limit"].Value, s.GenericPlans))
            .ToList();
        foreach (var (afterCursor, limit) in new[] { (false, "8"), (true, "8"), (false, "12") })
        {
            pages.ShouldContain(p => p.Order == "name" && p.Cursor == afterCursor && p.Limit == limit && p.GenericPlans > 0, $"LIMIT {limit} after a cursor: {afterCursor}");
        }

        pages.ShouldContain(p => p.Order == "created_at" && p.Limit == "$1"); // filtered or not, the general query keeps its parameter
    }

    private sealed record Prepared(string Statement, long GenericPlans);
}
