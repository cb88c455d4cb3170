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
/// How PostgreSQL plans the customer search's postings statements once Npgsql has prepared them (after five calls on a
/// connection), read from <c>pg_prepared_statements</c>. A one-word search runs on one generic plan per connection; a
/// search of two words gets a plan for each call's words, whether the rarer word's postings are checked for the other
/// or both words' are intersected: left to choose, PostgreSQL kept a generic plan for the intersection of two words
/// that hashed all of one word's postings (48–108 ms instead of 2 ms at 2.1M customers).
/// </summary>
public sealed class SearchPlanTests(CrmApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task AOneWordSearchKeepsOneGenericPlanAndATwoWordSearchIsPlannedForEachCall()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        // "vendelmark" is inside five listed words, so its postings are read as sixteen ordered scans, whose generic plan
        // PostgreSQL would keep for the two-word search; it drives, being the rarer word.
        foreach (var name in new[]
                 {
                     "Qwzoriak Vendelmarka Lda.", "Qwzoriak Vendelmarkowa Serwis", "Qwzoriak Handel", "Qwzoriak Grupa", "Qwzoriak SA", "Qwzoriak SL",
                     "Qwzoriak Lda.", "Xvendelmarkis SA", "Vendelmarkos Lda.", "Avendelmarkiem SL",
                 })
        {
            db.Customers.Add(Customer.Create(new CustomerDetails(CustomerKind.Company, name, null, null, null, CustomerType.Lead, null, null, [], null, null, "{}")));
        }

        await db.SaveChangesAsync(ct);
        // Two words 1,100 customers hold each: their postings are intersected (merge-joined in name order).
        await db.Database.ExecuteSqlRawAsync(
            """
            INSERT INTO customers (id, kind, name, type, tags, search_text, created_at, updated_at)
            SELECT gen_random_uuid(), 'Company', 'Intersekt ' || g || ' Wspolnik', 'Lead', ARRAY[]::text[], 'intersekt ' || g || ' wspolnik', now(), now()
            FROM generate_series(1, 1100) AS g
            """,
            ct);
        await db.Database.OpenConnectionAsync(ct); // every search on one connection, which holds the prepared statements

        // Npgsql prepares a statement at its fifth use; PostgreSQL plans the first five executions for their values, then
        // chooses.
        for (var i = 0; i < 16; i++)
        {
            (await mediator.Send(new ListCustomers { Filter = Search("qwzoriak vendelmark") }, ct)).Items.Count.ShouldBe(2);
            (await mediator.Send(new ListCustomers { Filter = Search("qwzoriak") }, ct)).Items.Count.ShouldBe(7);
            (await mediator.Send(new ListCustomers { Filter = Search("intersekt wspolnik") }, ct)).Items.Count.ShouldBe(Paging.DefaultLimit);
        }

        var postings = (await RawQuery.ListAsync(
                db,
                "SELECT statement, generic_plans, custom_plans FROM pg_prepared_statements WHERE statement LIKE '%DISTINCT%a.name, a.id%'",
                [],
                r => new Prepared(r.GetString(0), r.GetInt64(1), r.GetInt64(2)),
                Planning.Default,
                ct))
            .Select(s => (
                Checked: s.Statement.Contains("q.word = ANY", StringComparison.Ordinal), // the rarer word's postings, each checked for the other
                Intersected: s.Statement.Contains("AS b ON b.name = a.name", StringComparison.Ordinal),
                Paged: s.Statement.Contains("DISTINCT ON (a.name, a.id)", StringComparison.Ordinal), // one word, read with its page
                s.GenericPlans,
                s.CustomPlans))
            .ToList();
        postings.ShouldContain(s => s.Paged && !s.Checked && !s.Intersected && s.GenericPlans >= 10, "one word: a generic plan");
        postings.ShouldContain(s => s.Checked && s.CustomPlans >= 10);
        postings.ShouldContain(s => s.Intersected && s.CustomPlans >= 10);
        postings.Where(s => s.Checked || s.Intersected).ShouldAllBe(s => s.GenericPlans == 0, "two words: a plan for each call");
    }

    private static CustomerFilter Search(string q) => new(q, null, null, null, null, null, false);

    private sealed record Prepared(string Statement, long GenericPlans, long CustomPlans);
}
