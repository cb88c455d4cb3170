using System.Data;
using System.Net;
using System.Net.Http.Json;
using Crm.Api.IntegrationTests.Infrastructure;
using Crm.Application.Contacts.ListContacts;
using Crm.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Api.IntegrationTests.Contacts;

public sealed class ContactTests(CrmApiFactory factory) : ApiTest(factory)
{
    private static async Task<string> CustomerId(HttpClient client, string name = "Αθηναϊκή Εμπορική") =>
        (await (await client.PostAsJsonAsync("/api/v1/customers", new { name })).ShouldBe(HttpStatusCode.Created)).GetProperty("id").GetString()!;

    [Fact]
    public async Task CreateListUnderTheCustomerAndSearchWithoutAccents()
    {
        using var client = await Factory.AdminClientAsync();
        var customerId = await CustomerId(client);
        var response = await client.PostAsJsonAsync("/api/v1/contacts", new { customerId, firstName = "Γιώργος", lastName = "Παπαδόπουλος", email = " G.Papadopoulos@Example.GR", phone = "+30 21 0123 4567" });

        var contact = await response.ShouldBe(HttpStatusCode.Created);
        contact.GetProperty("email").GetString().ShouldBe("g.papadopoulos@example.gr");
        contact.GetProperty("phone").GetString().ShouldBe("+302101234567");
        response.Headers.Location!.ToString().ShouldBe($"/api/v1/contacts/{contact.GetProperty("id").GetString()}");

        var list = await (await client.GetAsync($"/api/v1/customers/{customerId}/contacts")).ShouldBe(HttpStatusCode.OK);
        list.GetProperty("items").GetArrayLength().ShouldBe(1);
        var found = await (await client.GetAsync("/api/v1/contacts?q=" + Uri.EscapeDataString("γιωργος παπαδοπουλος"))).ShouldBe(HttpStatusCode.OK);
        found.GetProperty("items").GetArrayLength().ShouldBe(1);
        (await client.PostAsJsonAsync("/api/v1/contacts", new { customerId, firstName = "Νίκος", lastName = "Γεωργίου", phone = "+30 69 4567 0123" }))
            .StatusCode.ShouldBe(HttpStatusCode.Created); // holds "+30", "0123" and "4567", as the number below does
        var byPhone = await (await client.GetAsync("/api/v1/contacts?q=" + Uri.EscapeDataString("+30 21 0123 4567"))).ShouldBe(HttpStatusCode.OK);
        byPhone.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("lastName").GetString()).ShouldBe(["Παπαδόπουλος"]); // one number
    }

    [Fact]
    public async Task ASearchOfTheContactsRunsAllItsStatementsOnOneConnection()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = await Factory.AdminClientAsync();
        var customerId = await CustomerId(client, "Wiśniewski i Ptak sp. z o.o.");
        (await client.PostAsJsonAsync("/api/v1/contacts", new { customerId, firstName = "Zoë", lastName = "Ptak-Wiśniewska" }, ct)).StatusCode.ShouldBe(HttpStatusCode.Created);

        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        var opened = 0;
        db.Database.GetDbConnection().StateChange += (_, e) => opened += e.CurrentState == ConnectionState.Open ? 1 : 0;
        // corrections of the misspelt word, the window along the list, the total: several statements
        var page = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new ListContacts { Q = "wisniewsak", IncludeTotal = true }, ct);

        page.Items.Select(c => c.LastName).ShouldContain("Ptak-Wiśniewska");
        opened.ShouldBe(1);
    }

    [Fact]
    public async Task FirstNamesSortAsPeopleReadThem()
    {
        // Written out, not computed (lower case first where only case differs): the database's default collation put
        // "émilie", "Łucja" and "Ólöf" after "Zoë".
        string[] order = ["Ágnes", "ana", "Ana", "émilie", "Émilie", "Emma", "Jan 2", "Jan 10", "Lucía", "Łucja", "Ólöf", "Oriol", "Zoë", "Άννα", "Ζωή"];
        using var client = await Factory.AdminClientAsync();
        var customerId = await CustomerId(client);
        foreach (var firstName in order.Reverse())
        {
            (await client.PostAsJsonAsync("/api/v1/contacts", new { customerId, firstName })).StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        async Task<List<string>> EveryPage(string sort)
        {
            var seen = new List<string>();
            string? cursor = null;
            do
            {
                var page = await (await client.GetAsync($"/api/v1/contacts?limit=4&sort={sort}" + (cursor is null ? string.Empty : "&cursor=" + Uri.EscapeDataString(cursor)))).ShouldBe(HttpStatusCode.OK);
                seen.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("firstName").GetString()!));
                cursor = page.GetProperty("nextCursor").GetString();
            }
            while (cursor is not null);
            return seen;
        }

        (await EveryPage("firstName")).ShouldBe(order);
        (await EveryPage("-firstName")).ShouldBe(order.Reverse());
        order.InNameOrder().ShouldBe(order);
    }

    [Theory]
    [InlineData("")]
    [InlineData("&sort=-createdAt")]
    [InlineData("&sort=-firstName")]
    [InlineData("&sort=firstName")]
    [InlineData("&sort=updatedAt")]
    [InlineData("&sort=-updatedAt")]
    public async Task AFragmentPagesThroughEveryMatchingContactOnceInOrder(string sort)
    {
        // "x77" is matched as typed, through trigrams, and each page after the first seeks past the cursor (these pages
        // answered 500). Every third of the first WindowPerRow × 6 contacts holds it and one in 97 after them. Each sort
        // has an index over the active contacts, so pages of 5 come from the next contacts in list order where it is
        // common and through the trigram index where it is rare. First names and update times rise with creation.
        var dense = Crm.Application.Common.SearchQuery.WindowPerRow * 6;
        using var client = await Factory.AdminClientAsync();
        var customerId = await CustomerId(client);
        await using (var db = new Npgsql.NpgsqlConnection(Factory.ConnectionString))
        {
            await db.OpenAsync();
            await using var cmd = new Npgsql.NpgsqlCommand("""
                INSERT INTO contacts (id, customer_id, first_name, email_consent, search_text, created_at, updated_at)
                SELECT gen_random_uuid(), @customer, 'Contacte ' || lpad(g::text, 4, '0'), false,
                       'contacte ' || lpad(g::text, 4, '0') || CASE WHEN (g < @dense AND g % 3 = 0) OR g % 97 = 0 THEN ' x77' ELSE ' x78' END,
                       timestamptz '2026-01-01' + g * interval '1 minute', timestamptz '2026-01-01' + g * interval '1 minute'
                FROM generate_series(0, 3 * @dense) g
                """, db);
            cmd.Parameters.AddWithValue("customer", Guid.Parse(customerId));
            cmd.Parameters.AddWithValue("dense", dense);
            await cmd.ExecuteNonQueryAsync();
        }

        var expected = Enumerable.Range(0, (3 * dense) + 1).Where(g => (g < dense && g % 3 == 0) || g % 97 == 0)
            .Select(g => "Contacte " + g.ToString("D4", System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var seen = new List<string>();
        var sizes = new List<int>();
        string? cursor = null;
        do
        {
            var page = await (await client.GetAsync("/api/v1/contacts?q=x77&limit=5" + sort + (cursor is null ? string.Empty : "&cursor=" + Uri.EscapeDataString(cursor)))).ShouldBe(HttpStatusCode.OK);
            var items = page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("firstName").GetString()!).ToList();
            seen.AddRange(items);
            sizes.Add(items.Count);
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        seen.ShouldBe(sort.Contains('-', StringComparison.Ordinal) ? Enumerable.Reverse(expected).ToList() : expected);
        sizes.SkipLast(1).ShouldAllBe(n => n == 5); // full pages up to the last
    }

    [Fact]
    public async Task Returns400NamingTheField()
    {
        using var client = await Factory.AdminClientAsync();
        var customerId = await CustomerId(client);
        await (await client.PostAsJsonAsync("/api/v1/contacts", new { firstName = "A" })).ShouldBeValidationProblem("customerId");
        await (await client.PostAsJsonAsync("/api/v1/contacts", new { customerId, firstName = "" })).ShouldBeValidationProblem("firstName");
        await (await client.PostAsJsonAsync("/api/v1/contacts", new { customerId, firstName = "A", phone = "210 123" })).ShouldBeValidationProblem("phone");
        await (await client.PostAsJsonAsync("/api/v1/contacts", new { customerId = Guid.CreateVersion7(), firstName = "A" })).ShouldBeValidationProblem("customerId");
    }

    [Fact]
    public async Task AuthorisationIsEnforced()
    {
        using (var anonymous = Factory.CreateClient())
        {
            await (await anonymous.GetAsync("/api/v1/contacts")).ShouldBeProblem(HttpStatusCode.Unauthorized);
        }

        using var readOnly = await Factory.ClientWithRoleAsync("ReadOnly");
        await (await readOnly.PostAsJsonAsync("/api/v1/contacts", new { customerId = Guid.CreateVersion7(), firstName = "A" })).ShouldBeProblem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task GetByIdAnswersAsTheListDoesWithAnETagThatWrites()
    {
        // GET by id is a hand-written statement read by hand; the list reads through EF Core's projection.
        using var client = await Factory.AdminClientAsync();
        await (await client.PostAsJsonAsync("/api/v1/custom-fields", new { entity = "contacts", key = "language", label = "Language", type = "choice", options = new[] { "Português", "Ελληνικά" } })).ShouldBe(HttpStatusCode.Created);
        await (await client.PostAsJsonAsync("/api/v1/custom-fields", new { entity = "contacts", key = "seniority", label = "Seniority", type = "number" })).ShouldBe(HttpStatusCode.Created);
        var customerId = await CustomerId(client);
        object[] bodies =
        [
            new
            {
                customerId, firstName = "Γιώργος", lastName = "Παπαδόπουλος", email = "g.papadopoulos@example.gr", phone = "+30 21 0123 4567",
                jobTitle = "Διευθυντής \"Πωλήσεων\"", emailConsent = true, externalId = "ERP-7",
                customFields = new Dictionary<string, object?> { ["seniority"] = 12.5m, ["language"] = "ελληνικά" },
            },
            new { customerId, firstName = "Inês" },
        ];
        var ids = new List<string>();
        foreach (var body in bodies)
        {
            ids.Add((await (await client.PostAsJsonAsync("/api/v1/contacts", body)).ShouldBe(HttpStatusCode.Created)).GetProperty("id").GetString()!);
        }

        (await client.DeleteAsync($"/api/v1/contacts/{ids[1]}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        foreach (var archived in new[] { false, true })
        {
            var list = await (await client.GetAsync($"/api/v1/customers/{customerId}/contacts?archived={(archived ? "true" : "false")}")).ShouldBe(HttpStatusCode.OK);
            var item = list.GetProperty("items").EnumerateArray().Single();
            item.GetProperty("id").GetString().ShouldBe(ids[archived ? 1 : 0]);
            var one = await (await client.GetAsync($"/api/v1/contacts/{item.GetProperty("id").GetString()}")).ShouldBe(HttpStatusCode.OK);
            one.GetRawText().ShouldBe(item.GetRawText());
        }

        using var read = await client.GetAsync($"/api/v1/contacts/{ids[0]}");
        (await client.SendWith(HttpMethod.Patch, $"/api/v1/contacts/{ids[0]}", Http.MergePatch(new { jobTitle = "CFO" }), ifMatch: read.ETag())).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.SendWith(HttpMethod.Patch, $"/api/v1/contacts/{ids[0]}", Http.MergePatch(new { jobTitle = "CEO" }), ifMatch: read.ETag())).StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
    }

    [Fact]
    public async Task Returns404Returns409AndReturns412()
    {
        using var client = await Factory.AdminClientAsync();
        await (await client.GetAsync($"/api/v1/contacts/{Guid.CreateVersion7()}")).ShouldBeProblem(HttpStatusCode.NotFound);

        var customerId = await CustomerId(client);
        var created = await client.PostAsJsonAsync("/api/v1/contacts", new { customerId, firstName = "Inês", email = "ines@saojoao.pt" });
        var id = (await created.ShouldBe(HttpStatusCode.Created)).GetProperty("id").GetString();

        var duplicate = await (await client.PostAsJsonAsync("/api/v1/contacts", new { customerId, firstName = "Other", email = "INES@saojoao.pt" })).ShouldBeProblem(HttpStatusCode.Conflict);
        duplicate.GetProperty("existingId").GetString().ShouldBe(id);

        (await client.SendWith(HttpMethod.Patch, $"/api/v1/contacts/{id}", Http.MergePatch(new { jobTitle = "CFO" }), ifMatch: created.ETag())).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await client.SendWith(HttpMethod.Put, $"/api/v1/contacts/{id}", JsonContent.Create(new { customerId, firstName = "X" }), ifMatch: created.ETag())).ShouldBeProblem(HttpStatusCode.PreconditionFailed);
    }

    [Fact]
    public async Task ArchiveRestoreAndIdempotentCreate()
    {
        using var client = await Factory.AdminClientAsync();
        var customerId = await CustomerId(client);
        var body = new { customerId, firstName = "Jordi" };
        var first = await client.SendWith(HttpMethod.Post, "/api/v1/contacts", JsonContent.Create(body), idempotencyKey: "c-1");
        var replay = await client.SendWith(HttpMethod.Post, "/api/v1/contacts", JsonContent.Create(body), idempotencyKey: "c-1");
        (await replay.Content.ReadAsStringAsync()).ShouldBe(await first.Content.ReadAsStringAsync());
        var id = (await first.JsonBody()).GetProperty("id").GetString();

        (await client.DeleteAsync($"/api/v1/contacts/{id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await (await client.GetAsync($"/api/v1/customers/{customerId}/contacts")).JsonBody()).GetProperty("items").GetArrayLength().ShouldBe(0);
        (await client.PostAsync($"/api/v1/contacts/{id}/restore", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await (await client.GetAsync($"/api/v1/customers/{customerId}/contacts")).JsonBody()).GetProperty("items").GetArrayLength().ShouldBe(1);
    }
}
