using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using Crm.Api.IntegrationTests.Infrastructure;
using Crm.Application.Common;
using ContactResponse = Crm.Contracts.Customers.ContactResponse;
using CustomerResponse = Crm.Contracts.Customers.CustomerResponse;
using Crm.Domain.Common;
using Crm.Domain.Customers;
using Crm.Infrastructure.Persistence;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Crm.Api.IntegrationTests.Platform;

/// <summary>
/// <see cref="InsertWriter"/> (POST /customers and /contacts) writes without EF Core's change tracking and interceptors. These hold
/// what it writes equal to what a SaveChanges of the same customer or contact writes: the row, the audit row, the webhook event
/// and the new search words; and they hold a refused insert to leaving nothing behind.
/// </summary>
public sealed class InsertWriterTests(CrmApiFactory factory) : ApiTest(factory)
{
    public static TheoryData<string> Cases => ["el", "pl", "pt"];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task WritesWhatASaveChangesOfTheSameCustomerWrites(string locale)
    {
        using var admin = await Factory.AdminClientAsync();
        await SubscribeAsync(admin, "customer.created");
        var owner = await Factory.ScalarAsync<Guid>("SELECT id FROM users ORDER BY id LIMIT 1");
        var fresh = FreshWord();
        var details = Details(locale, owner, fresh);

        var (saved, written) = await BothWaysAsync<Customer, CustomerResponse>(() => Customer.Create(details));

        written.ShouldBe(saved);
        written.ShouldContain($"\"{fresh}\""); // the new word went to the correction list, in both
        written.ShouldContain("\"customer.created\"");
        written.ShouldContain("\"actor_name\": \"Ἀλκιβιάδης Ταμίας\"");
    }

    [Fact]
    public async Task WritesWhatASaveChangesOfTheSameContactWrites()
    {
        var ct = TestContext.Current.CancellationToken;
        using var admin = await Factory.AdminClientAsync();
        await SubscribeAsync(admin, "contact.created");
        var customer = await (await admin.PostAsJsonAsync("/api/v1/customers", new { name = "Cooperativa del Penedès SCCL" }, ct)).ShouldBe(HttpStatusCode.Created);
        var fresh = FreshWord();
        var details = new ContactDetails(
            Guid.Parse(customer.GetProperty("id").GetString()!), "Núria", $"Puig i Ferrer {fresh}", "nuria.puig@penedes.cat", "+34938901234",
            "Directora comercial", EmailConsent: true, "ERP-CAT-7", """{"idioma":"ca"}""");

        var (saved, written) = await BothWaysAsync<Contact, ContactResponse>(() => Contact.Create(details));

        written.ShouldBe(saved);
        written.ShouldContain($"\"{fresh}\"");
        written.ShouldContain("\"contact.created\"");
        written.ShouldContain("\"job_title\": \"Directora comercial\"");
    }

    [Fact]
    public async Task ARefusedCreateLeavesNoRowNoAuditNoEventAndNoWords()
    {
        var ct = TestContext.Current.CancellationToken;
        using var admin = await Factory.AdminClientAsync();
        await SubscribeAsync(admin, "*");
        var first = await (await admin.PostAsJsonAsync("/api/v1/customers", new { name = "Hurtownia Mazowsze", email = "biuro@mazowsze.pl" }, ct))
            .ShouldBe(HttpStatusCode.Created);
        var fresh = FreshWord();

        var clash = await (await admin.PostAsJsonAsync("/api/v1/customers", new { name = $"Hurtownia {fresh}", email = "BIURO@mazowsze.pl" }, ct))
            .ShouldBeProblem(HttpStatusCode.Conflict);

        clash.GetProperty("field").GetString().ShouldBe("email");
        clash.GetProperty("existingId").GetString().ShouldBe(first.GetProperty("id").GetString());
        (await Factory.ScalarAsync<long>("SELECT count(*) FROM customers")).ShouldBe(1);
        (await Factory.ScalarAsync<long>("SELECT count(*) FROM audit_entries WHERE entity_type = 'customer'")).ShouldBe(1);
        (await Factory.ScalarAsync<long>("SELECT count(*) FROM webhook_events WHERE type = 'customer.created'")).ShouldBe(1);
        (await Factory.ScalarAsync<long>("SELECT count(*) FROM search_words WHERE word = @p0", fresh)).ShouldBe(0);

        // The same word in a create that is kept.
        await (await admin.PostAsJsonAsync("/api/v1/customers", new { name = $"Hurtownia {fresh}" }, ct)).ShouldBe(HttpStatusCode.Created);
        (await Factory.ScalarAsync<long>("SELECT count(*) FROM search_words WHERE word = @p0", fresh)).ShouldBe(1);
    }

    /// <summary>An active subscription to <paramref name="events"/>: the outbox keeps an event only when one wants it.</summary>
    private static async Task SubscribeAsync(HttpClient admin, string events) =>
        await (await admin.PostAsJsonAsync(
            "/api/v1/webhooks", new { url = "http://127.0.0.1:9/hook", events = new[] { events } }, TestContext.Current.CancellationToken))
            .ShouldBe(HttpStatusCode.Created);

    /// <summary>What the tables hold after a SaveChanges of the entity <paramref name="make"/> makes, and after InsertWriter's insert of another one made alike.</summary>
    private async Task<(string Saved, string Written)> BothWaysAsync<T, TWire>(Func<T> make)
        where T : Entity, ISearchable
        where TWire : class
    {
        var ct = TestContext.Current.CancellationToken;
        var saved = await WrittenAsync(make, async (db, _, entity) =>
        {
            db.Add(entity);
            await db.SaveChangesAsync(ct);
            return entity.Version;
        });
        var written = await WrittenAsync(make, async (_, services, entity) =>
            (await services.GetRequiredService<IInsertWriter>().InsertAsync<TWire>(entity, ct)).Version);
        return (saved, written);
    }

    /// <summary>
    /// Writes the entity <paramref name="make"/> makes in a transaction that is rolled back, as a signed-in user,
    /// and returns what the tables then hold, as JSON: ids and times left out, and checked against each other instead.
    /// </summary>
    private async Task<string> WrittenAsync<T>(Func<T> make, Func<CrmDbContext, IServiceProvider, T, Task<uint>> write)
        where T : Entity, ISearchable
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scope = Factory.Services.CreateAsyncScope();
        var accessor = scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>();
        accessor.HttpContext = new DefaultHttpContext
        {
            User = new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", "0193a1f0-0000-7000-8000-0000000000aa"), new Claim("name", "Ἀλκιβιάδης Ταμίας")], "test")),
        };
        try
        {
            var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var entity = make();
            var version = await write(db, scope.ServiceProvider, entity);

            var tables = Tables.Replace("FROM customers AS c", entity is Contact ? "FROM contacts AS c" : "FROM customers AS c", StringComparison.Ordinal);
            await using var command = new NpgsqlCommand(tables, (NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction)transaction.GetDbTransaction());
            command.Parameters.AddWithValue("id", entity.Id);
            command.Parameters.AddWithValue("version", (long)version);
            command.Parameters.AddWithValue("words", SearchText.Words(entity.SearchText).ToArray());
            return (string)(await command.ExecuteScalarAsync(ct))!;
        }
        finally
        {
            accessor.HttpContext = null;
        }
    }

    private const string Tables = """
        SELECT jsonb_pretty(jsonb_build_object(
            'row', to_jsonb(c) - 'id' - 'created_at' - 'updated_at',
            'stamped once', c.created_at = c.updated_at AND c.created_at = a.occurred_at,
            'version returned', c.xmin::text::bigint = @version,
            'audit', to_jsonb(a) - 'id' - 'entity_id' - 'occurred_at' - 'changes',
            'audited changes', a.changes - 'id',
            'audited id', a.changes -> 'id' = jsonb_build_object('before', NULL, 'after', c.id::text),
            'event', to_jsonb(e) - 'id' - 'occurred_at' - 'body',
            'event body', e.body::jsonb - 'id' - 'occurredAt' - 'data',
            'event data', (e.body::jsonb -> 'data') - 'id' - 'createdAt' - 'updatedAt',
            'event ids and times', e.body::jsonb ->> 'id' = e.id::text AND e.body::jsonb -> 'data' ->> 'id' = c.id::text
                AND (e.body::jsonb ->> 'occurredAt')::timestamptz = e.occurred_at
                AND (e.body::jsonb -> 'data' ->> 'createdAt')::timestamptz = c.created_at
                AND (e.body::jsonb -> 'data' ->> 'updatedAt')::timestamptz = c.updated_at,
            'words', (SELECT jsonb_agg(w.word ORDER BY w.word) FROM search_words AS w WHERE w.word = ANY (@words))))
        FROM customers AS c
        JOIN audit_entries AS a ON a.entity_id = c.id
        LEFT JOIN webhook_events AS e ON e.body::jsonb -> 'data' ->> 'id' = c.id::text
        WHERE c.id = @id
        """;

    private static CustomerDetails Details(string locale, Guid owner, string fresh) => locale switch
    {
        "el" => new CustomerDetails(
            CustomerKind.Company, $"Αθηναϊκή Διανομή {fresh} Α.Ε.", "πωλησεις@dianomi.gr", "+302101234567", "https://dianomi.gr",
            CustomerType.Customer, LifecycleStage.Customer, owner, ["χονδρική", "vip"], "ERP-ΕΛ-1",
            new Address("Λεωφόρος Κηφισίας 12", "3ος όροφος", "Αθήνα", "Αττική", "11526", "GR"), """{"tier":"gold","vip":true}"""),
        "pl" => new CustomerDetails(
            CustomerKind.Person, $"Zofia Łukasiewicz-{fresh}", null, null, null, CustomerType.Prospect, null, null, [], null, null, "{}"),
        _ => new CustomerDetails(
            CustomerKind.Company, $"Padaria {fresh} Conceição", "ola@padaria.pt", null, null, CustomerType.Lead, LifecycleStage.Lead, null,
            ["pão", "Pão", "café"], null, new Address(null, null, "Évora", null, null, "PT"), "{}"),
    };

    // Letters only: a word with a digit never reaches the correction list.
    private static string FreshWord() => "zq" + string.Concat(Guid.NewGuid().ToString("N").Where(char.IsAsciiHexDigit).Take(10).Select(c => (char)('a' + Convert.ToInt32(c.ToString(), 16))));
}
