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
        // 50,000 other customers (a few distinct words each), analysed: on a few thousand rows PostgreSQL plans a page of
        // one word the same whichever way the statement is written, so a plan that sorts every posting would pass unseen.
        await db.Database.ExecuteSqlRawAsync(
            """
            INSERT INTO customers (id, kind, name, type, tags, search_text, archived_at, created_at, updated_at)
            SELECT gen_random_uuid(), 'Company', name, 'Lead', ARRAY[]::text[], lower(name), CASE WHEN g % 50 = 0 THEN now() END, now(), now()
            FROM (SELECT g, 'Firma' || g % 997 || ' Nazwa' || g % 1999 || ' ' || md5(g::text) AS name FROM generate_series(1, 50000) AS g) AS f;
            ANALYZE customers;
            ANALYZE customer_search;
            """,
            ct);
        await db.Database.OpenConnectionAsync(ct); // every search on one connection, which holds the prepared statements

        // Npgsql prepares a statement at its fifth use; PostgreSQL plans the first five executions for their values, then
        // chooses.
        for (var i = 0; i < 16; i++)
        {
            (await mediator.Send(new ListCustomers { Filter = Search("qwzoriak vendelmark") }, ct)).Items.Count.ShouldBe(2);
            (await mediator.Send(new ListCustomers { Filter = Search("qwzoriak") }, ct)).Items.Count.ShouldBe(7);
            (await mediator.Send(new ListCustomers { Filter = Search("vendelmark") }, ct)).Items.Count.ShouldBe(5); // six keys: sixteen scans
            (await mediator.Send(new ListCustomers { Filter = Search("intersekt wspolnik") }, ct)).Items.Count.ShouldBe(Paging.DefaultLimit);
        }

        var postings = await RawQuery.ListAsync(
            db,
            "SELECT name, statement, parameter_types::text, generic_plans, custom_plans FROM pg_prepared_statements WHERE statement LIKE '%DISTINCT%a.name, a.id%'",
            [],
            r => new Prepared(r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt64(3), r.GetInt64(4)),
            Planning.Default,
            ct);
        postings.ShouldContain(s => s.Paged && !s.Checked && !s.Intersected && s.GenericPlans >= 10, "one word: a generic plan");
        postings.ShouldContain(s => s.Checked && s.CustomPlans >= 10);
        postings.ShouldContain(s => s.Intersected && s.CustomPlans >= 10);
        postings.Where(s => s.Checked || s.Intersected).ShouldAllBe(s => s.GenericPlans == 0, "two words: a plan for each call");

        // Those generic plans stream: the postings in name order (for several keys, a Merge Append of their index scans),
        // each joined to its customer, up to the page's last row. With the name in the join too, PostgreSQL expected the
        // join to return one row and planned a (parallel) sort of every posting of the word instead: 213 ms for a page
        // at 2.2M customers, where the stream takes 1.5 ms.
        var pages = postings.Where(s => s.Paged && s.ParameterTypes == "{text[],integer}").ToList();
        pages.ShouldContain(s => s.Slots16, "the page of a word of several keys");
        foreach (var page in pages)
        {
            var plan = string.Join('\n', await RawQuery.ListAsync(
                db, $"EXPLAIN EXECUTE {page.Name}('{{vendelmark}}', 51)", [], r => r.GetString(0), Planning.Generic, ct));
            plan.ShouldStartWith("Limit", customMessage: plan);
            plan.ShouldNotMatch(@"(Sort|Gather( Merge)?|Hash( Join)?|Materialize)\s+\(", plan);
        }
    }

    private static CustomerFilter Search(string q) => new(q, null, null, null, null, null, false);

    private sealed record Prepared(string Name, string Statement, string ParameterTypes, long GenericPlans, long CustomPlans)
    {
        /// <summary>The rarer word's postings, each checked for the other.</summary>
        public bool Checked => Statement.Contains("q.word = ANY", StringComparison.Ordinal);

        public bool Intersected => Statement.Contains("AS b ON b.name = a.name", StringComparison.Ordinal);

        /// <summary>One word, read with its page.</summary>
        public bool Paged => Statement.Contains("DISTINCT ON (a.name, a.id)", StringComparison.Ordinal);

        public bool Slots16 => Statement.Contains("[16]", StringComparison.Ordinal);
    }
}
