using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Crm.Api.IntegrationTests.Infrastructure;
using Crm.Application.Common;
using Crm.Application.Customers.ListCustomers;
using Crm.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Api.IntegrationTests.Customers;

public sealed class ListCustomersTests(CrmApiFactory factory) : ApiTest(factory)
{
    private static async Task<List<string>> Names(HttpClient client, string query)
    {
        var body = await (await client.GetAsync("/api/v1/customers" + query)).ShouldBe(HttpStatusCode.OK);
        return body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()!).ToList();
    }

    /// <summary>The names on every page of <paramref name="query"/>, following the next-page cursors to the end.</summary>
    private static async Task<List<string>> EveryPage(HttpClient client, string query) =>
        (await Pages(client, query)).SelectMany(page => page.Select(i => i.GetProperty("name").GetString()!)).ToList();

    /// <summary>The items of every page of <paramref name="query"/>, page by page, following the next-page cursors to the end.</summary>
    private static async Task<List<List<JsonElement>>> Pages(HttpClient client, string query)
    {
        var pages = new List<List<JsonElement>>();
        string? cursor = null;
        do
        {
            var body = await (await client.GetAsync("/api/v1/customers" + query + (cursor is null ? string.Empty : "&cursor=" + Uri.EscapeDataString(cursor)))).ShouldBe(HttpStatusCode.OK);
            pages.Add(body.GetProperty("items").EnumerateArray().ToList());
            cursor = body.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        return pages;
    }

    private static async Task Create(HttpClient client, string name, string? type = null, string[]? tags = null, string? city = null) =>
        (await client.PostAsJsonAsync("/api/v1/customers", new { name, type = type ?? "lead", tags, address = city is null ? null : new { city } }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);

    /// <summary>
    /// Customers with every field the wire has, and without them: Polish, Greek, Portuguese text, an owner, tags,
    /// custom fields of three types, addresses whole and in part. All are partners; all hold "zephyrine", all but two
    /// "mistral" as well, one holds "zephyrine" twice, and one is named "Archived …".
    /// </summary>
    private static async Task CreateEveryKindOfCustomer(HttpClient client)
    {
        await (await client.PostAsJsonAsync("/api/v1/custom-fields", new { entity = "customers", key = "sector", label = "Sector", type = "choice", options = new[] { "technology", "retail" } })).ShouldBe(HttpStatusCode.Created);
        await (await client.PostAsJsonAsync("/api/v1/custom-fields", new { entity = "customers", key = "revenue", label = "Revenue", type = "number" })).ShouldBe(HttpStatusCode.Created);
        await (await client.PostAsJsonAsync("/api/v1/custom-fields", new { entity = "customers", key = "vip", label = "VIP", type = "boolean" })).ShouldBe(HttpStatusCode.Created);
        var owner = (await (await client.GetAsync("/api/v1/me")).ShouldBe(HttpStatusCode.OK)).GetProperty("id").GetString();
        object[] bodies =
        [
            new
            {
                kind = "company", name = "Zephyrine Mistral Żółć SA", email = "Biuro@Zephyrine.PL", phone = "42 123 45 67", website = "zephyrine.pl",
                type = "partner", lifecycleStage = "opportunity", ownerId = owner, tags = new[] { "vip", "pl" }, externalId = "ZEPH-1",
                address = new { line1 = "ul. Piotrkowska 1", line2 = "II piętro", city = "Łódź", region = "łódzkie", postalCode = "90-001", country = "pl" },
                customFields = new Dictionary<string, object?> { ["sector"] = "Technology", ["revenue"] = 12.50m, ["vip"] = true },
            },
            new { kind = "person", name = "Ζέφυρος Zephyrine Mistral", type = "partner", address = new { city = "Αθήνα" }, customFields = new { revenue = 0 } },
            new { name = "Zephyrine Mistral", type = "partner", lifecycleStage = "customer", address = new { country = "PT" } },
            new { name = "Cal Zephyrine Mistral", type = "partner", tags = new[] { "cat" } },
            new { name = "Archived Zephyrine Mistral", type = "partner" },
            new { name = "Zephyrine Only", type = "partner", phone = "+30 210 123 4567" },
            new { name = "Zephyrine Zephyrineska", type = "partner" }, // two keys of "zephyrine": listed once
        ];
        foreach (var body in bodies)
        {
            await (await client.PostAsJsonAsync("/api/v1/customers", body)).ShouldBe(HttpStatusCode.Created);
        }
    }

    [Theory]
    [InlineData("Sao Paulo", "Distribuidora São Paulo")]
    [InlineData("lodz", "Zakład Łódź")]
    [InlineData("αθηνα", "Αθήνα Εμπορική")]
    [InlineData("ΑΘΗΝΑ", "Αθήνα Εμπορική")]
    [InlineData("cellers", "Cal Pagès Cel·lers")]
    [InlineData("CEL·LERS pages", "Cal Pagès Cel·lers")]
    [InlineData("collegi", "Colŀlegi Tres")] // ŀ (U+0140, l·) typed for the middle dot
    [InlineData("col·legi tres", "Colŀlegi Tres")]
    [InlineData("COĿLEGI", "Colŀlegi Tres")]
    [InlineData("collegi", "Coŀlegi Quatre")] // ŀ as Catalan writes it: coŀlegi is col·legi
    [InlineData("distribuidora sao paolo", "Distribuidora São Paulo")]
    public async Task SearchIgnoresCaseAndAccentsAndToleratesMisspellings(string q, string expected)
    {
        using var client = await Factory.AdminClientAsync();
        foreach (var name in new[] { "Distribuidora São Paulo", "Zakład Łódź", "Αθήνα Εμπορική", "Cal Pagès Cel·lers", "Colŀlegi Tres", "Coŀlegi Quatre", "Acme Widgets" })
        {
            await Create(client, name);
        }

        var names = await Names(client, "?q=" + Uri.EscapeDataString(q));

        names.ShouldContain(expected);
        names.ShouldNotContain("Acme Widgets");
    }

    [Theory]
    [InlineData("maria", new[] { "Maria Silva Consultoria" })] // a known word is taken as meant, not widened to "Mario"
    [InlineData("mariaa", new[] { "Maria Silva Consultoria" })] // corrected to its nearest known spelling
    [InlineData("silva maria", new[] { "Maria Silva Consultoria" })] // every word, in any order
    [InlineData("consultoria", new[] { "Maria Silva Consultoria", "Mario Rossi Consultoria" })]
    [InlineData("maria rossi", new string[0])] // every word must match
    [InlineData("o'conor", new[] { "Bridget O'Connor" })]
    [InlineData("rossi.consult@exa", new[] { "Mario Rossi Consultoria" })] // e-mail fragments match as typed
    public async Task SearchMatchesEveryWordAsTypedOrCorrected(string q, string[] expected)
    {
        using var client = await Factory.AdminClientAsync();
        await Create(client, "Maria Silva Consultoria");
        (await client.PostAsJsonAsync("/api/v1/customers", new { name = "Mario Rossi Consultoria", type = "lead", email = "rossi.consult@example.com" }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        await Create(client, "Bridget O'Connor");

        (await Names(client, "?q=" + Uri.EscapeDataString(q))).ShouldBe(expected, ignoreOrder: true);
    }

    [Theory]
    [InlineData("")]
    [InlineData("&sort=-name")]
    public async Task ACommonWordPagesInNameOrderThroughEveryMatchOnce(string sort)
    {
        // 30 customers share "serveis" (the word postings hand them over already in name order); one is archived.
        using var client = await Factory.AdminClientAsync();
        var expected = new List<string>();
        for (var i = 0; i < 30; i++)
        {
            var name = $"Serveis {(char)('a' + (i * 7 % 26))}{i % 3}";
            await Create(client, name, city: i % 2 == 0 ? "Girona" : null);
            expected.Add(name);
        }

        await Create(client, "Servicios Ibéricos"); // a neighbour spelling, not a match for a known word
        var archived = await (await client.PostAsJsonAsync("/api/v1/customers", new { name = "Serveis Arxivats", type = "lead" })).JsonBody();
        (await client.DeleteAsync($"/api/v1/customers/{archived.GetProperty("id").GetString()}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var seen = await EveryPage(client, "?q=SERVEIS&limit=7" + sort);

        seen.ShouldBe(sort == string.Empty ? expected.InNameOrder() : expected.InNameOrderDescending());
        (await Names(client, "?q=serveis%20girona&limit=100")).Count.ShouldBe(15); // the second word checks each candidate
        var girona = expected.Where((_, i) => i % 2 == 0).ToList();
        (await EveryPage(client, "?q=girona%20serveis&limit=4" + sort)) // paged through the rarer word's postings
            .ShouldBe(sort == string.Empty ? girona.InNameOrder() : girona.InNameOrderDescending());
        (await Names(client, "?q=girona%20serveis&limit=3&type=partner")).ShouldBeEmpty(); // filters too, however far it has to look
    }

    /// <summary>
    /// Names as people read them, written out rather than computed: letters before accents before case, numbers by
    /// value, Polish, Catalan and Portuguese letters beside their base letters, Greek after Latin in its own alphabet.
    /// The database's default collation (C.UTF-8) sorted by code point: lower case and accented names after Z, "Loja 10"
    /// before "Loja 9".
    /// </summary>
    public static readonly string[] ReadingOrder =
    [
        "adam Nowak", "Adam Nowak", "Ágata Sousa", "Bruno Pires", "Çağlar Demir", "Celia Roig", "Collado Serveis",
        "Colŀlegi Advocats", "Loja 9", "Loja 10", "Luiza Fonseca", "Lukasz Kowal", "Łukasz Kowalski", "Mário Gonçalves",
        "Ólafur Sigurðsson", "Oscar Puig", "Ždan Horvat", "Zé Ramos", "Zorro Lda", "Αλέξης Παππάς", "άλφα Εμπορική",
        "Ωμέγα ΑΕ",
    ];

    [Fact]
    public async Task NamesSortAsPeopleReadThemInTheListAndInSearch()
    {
        using var client = await Factory.AdminClientAsync();
        foreach (var name in ReadingOrder.Reverse().Where((_, i) => i % 2 == 0).Concat(ReadingOrder.Where((_, i) => i % 2 == 0)))
        {
            await Create(client, name, city: "Girona");
        }

        (await EveryPage(client, "?limit=4")).ShouldBe(ReadingOrder);
        (await EveryPage(client, "?limit=4&sort=-name")).ShouldBe(ReadingOrder.Reverse());
        (await EveryPage(client, "?q=girona&limit=3")).ShouldBe(ReadingOrder); // search pages follow the list's order
        (await EveryPage(client, "?q=girona&limit=3&sort=-name")).ShouldBe(ReadingOrder.Reverse());
        (await EveryPage(client, "?q=loja&limit=1")).ShouldBe(["Loja 9", "Loja 10"]);
        ReadingOrder.InNameOrder().ShouldBe(ReadingOrder); // the comparer the other tests expect with
    }

    [Fact]
    public async Task WordsThousandsOfCustomersHoldAreIntersectedAndPagedInNameOrder()
    {
        // Over a thousand customers hold each word, so the search intersects the words' postings instead of walking
        // one word's customers: two words by merging their postings in name order, three by hashing.
        await using (var db = new Npgsql.NpgsqlConnection(Factory.ConnectionString))
        {
            await db.OpenAsync();
            await using var cmd = new Npgsql.NpgsqlCommand("""
                INSERT INTO customers (id, kind, name, type, tags, search_text, archived_at, created_at, updated_at)
                SELECT gen_random_uuid(), 'Company', name, 'Lead', '{}', lower(name), archived, now(), now()
                FROM (SELECT 'Carvalho Filhos ' || g, null::timestamptz FROM generate_series(1, 1000) g
                      UNION ALL SELECT 'Moreira Filhos ' || g, null FROM generate_series(1, 1000) g
                      UNION ALL SELECT 'Carvalho Moreira Filhos ' || g, null FROM generate_series(1, 40) g
                      UNION ALL SELECT 'Carvalho Moreira ' || g, null FROM generate_series(1, 10) g
                      UNION ALL SELECT 'Carvalho Moreira Filhos Arquivado', now()) AS c(name, archived)
                """, db);
            await cmd.ExecuteNonQueryAsync();
        }

        using var client = await Factory.AdminClientAsync();
        var seen = await EveryPage(client, "?q=filhos%20moreira%20carvalho&limit=7");

        seen.ShouldBe(Enumerable.Range(1, 40).Select(i => $"Carvalho Moreira Filhos {i}").InNameOrder());
        var both = Enumerable.Range(1, 40).Select(i => $"Carvalho Moreira Filhos {i}").Concat(Enumerable.Range(1, 10).Select(i => $"Carvalho Moreira {i}")).ToList();
        (await Names(client, "?q=carvalho%20moreira&limit=100")).ShouldBe(both.InNameOrder());
        (await EveryPage(client, "?q=moreira%20carvalho&limit=7&sort=-name")).ShouldBe(both.InNameOrderDescending());
    }

    [Fact]
    public async Task ACommonTextWhoseMatchesComeAfterTheFirstWindowIsPagedFromTheWidestWindow()
    {
        // As "sp." (Polish companies) after the English names that open the list: the first window (2,550 rows for a
        // page of 50) holds none of "qzv.", but PostgreSQL expects it in thousands of rows, so the widest window is read
        // before the trigram index, and holds the page. Same page either way; the trigram query (fenced by OFFSET) never runs.
        var ct = TestContext.Current.CancellationToken;
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        await db.Database.ExecuteSqlRawAsync(
            $"""
            INSERT INTO customers (id, kind, name, type, tags, search_text, created_at, updated_at)
            SELECT gen_random_uuid(), 'Company', 'Aaa ' || lpad(g::text, 5, '0'), 'Lead', ARRAY[]::text[], 'aaa ' || lpad(g::text, 5, '0'), now(), now()
            FROM generate_series(1, 3000) AS g;
            INSERT INTO customers (id, kind, name, type, tags, search_text, created_at, updated_at)
            SELECT gen_random_uuid(), 'Company', 'Bbb ' || lpad(g::text, 5, '0') || ' Qzv.', 'Lead', ARRAY[]::text[], 'bbb ' || lpad(g::text, 5, '0') || ' qzv.', now(), now()
            FROM generate_series(1, {SearchQuery.CommonMatches + 5_000}) AS g;
            ANALYZE customers;
            """,
            ct);
        using var commands = new ContextEvents(db, RelationalEventId.CommandExecuting);
        await Task.Delay(ContextEvents.Settle, ct); // the insert above ran on this context a moment ago

        var page = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new ListCustomers { Filter = new CustomerFilter("qzv.", null, null, null, null, null, false) }, ct);

        page.Items.Select(c => c.Name).ShouldBe(Enumerable.Range(1, 50).Select(g => $"Bbb {g:D5} Qzv."));
        page.NextCursor.ShouldNotBeNull();
        var sql = commands.Events.Cast<CommandEventData>().Select(e => e.LogCommandText).ToList();
        sql.Count.ShouldBe(2); // the first window, then the widest (the estimate runs as a raw statement)
        sql.ShouldAllBe(text => !text.Contains("OFFSET"));
    }

    [Theory]
    [InlineData("&sort=name", "")]
    [InlineData("&sort=-name", "")]
    [InlineData("&sort=createdAt", "")]
    [InlineData("&sort=-updatedAt", "")]
    [InlineData("&sort=name", "&tag=vip")]
    [InlineData("&sort=-createdAt", "&tag=vip")]
    public async Task AFragmentPagesThroughEveryMatchOnceInOrder(string sort, string filter)
    {
        // "x77" has digits, so it is matched as typed, through trigrams, and each page after the first seeks past the
        // cursor (these pages answered 500). A page of 5 first searches the next WindowPerRow × 6 rows of the list:
        // among the first that many customers every third holds the fragment, so those pages come from the rows after
        // the cursor; past them one in 97 does, so those pages come through the trigram index. Paging crosses from one
        // way to the other, in both directions ("z33" and "w44", below, through a second, larger window too). Names and
        // times come in pairs, so the ids (in the rows' order here) break the ties; every other customer is tagged vip.
        var dense = SearchQuery.WindowPerRow * 6;
        await using (var db = new Npgsql.NpgsqlConnection(Factory.ConnectionString))
        {
            await db.OpenAsync();
            await using var cmd = new Npgsql.NpgsqlCommand("""
                INSERT INTO customers (id, kind, name, type, tags, search_text, archived_at, created_at, updated_at)
                SELECT ('00000000-0000-7000-8000-' || lpad(g::text, 12, '0'))::uuid, 'Company', 'Cliente ' || lpad((g / 2)::text, 4, '0'), 'Lead',
                       CASE WHEN g % 2 = 0 THEN ARRAY['vip'] ELSE ARRAY[]::text[] END,
                       'cliente ' || lpad((g / 2)::text, 4, '0') || CASE WHEN (g < @dense AND g % 3 = 0) OR g % 97 = 0 THEN ' x77' ELSE ' x78' END
                           || CASE WHEN g IN (0, 1, 2, 4, 5) OR g = 2 * @dense THEN ' y55' ELSE '' END
                           || CASE WHEN g IN (0, 40, 80, 120, 160, 200, 230, 260, 290, 850) THEN ' z33' ELSE '' END
                           || CASE WHEN g IN (0, 40, 80, 120, 160, 200, 230, 260, 290, 500, 700, 850) THEN ' w44' ELSE '' END,
                       CASE WHEN g = 3 THEN now() END, timestamptz '2026-01-01' + (g / 2) * interval '1 minute', timestamptz '2026-01-01' + (g / 2) * interval '1 minute'
                FROM generate_series(0, 3 * @dense) g
                """, db);
            cmd.Parameters.AddWithValue("dense", dense);
            await cmd.ExecuteNonQueryAsync();
        }

        List<string> Expected(Func<int, bool> holds)
        {
            var ids = Enumerable.Range(0, (3 * dense) + 1)
                .Where(g => g != 3 && holds(g) && (filter.Length == 0 || g % 2 == 0))
                .Select(g => $"00000000-0000-7000-8000-{g:D12}")
                .ToList();
            return sort.Contains('-', StringComparison.Ordinal) ? Enumerable.Reverse(ids).ToList() : ids;
        }

        var expected = Expected(g => (g < dense && g % 3 == 0) || g % 97 == 0);
        using var client = await Factory.AdminClientAsync();

        async Task<List<string>> EveryId(string q)
        {
            var pages = await Pages(client, $"?q={q}&limit=5" + sort + filter);
            pages.SkipLast(1).ShouldAllBe(page => page.Count == 5); // full pages up to the last
            return pages.SelectMany(page => page.Select(i => i.GetProperty("id").GetString()!)).ToList();
        }

        (await EveryId("x77")).ShouldBe(expected);
        // Exactly a page of "y55" among the first rows and one more far past them: a window holding just a page is not enough.
        (await EveryId("y55")).ShouldBe(Expected(g => g is 0 or 1 or 2 or 4 or 5 || g == 2 * dense));
        // Placed for a first window of 300 rows: after the first page, four of "z33" there and none in the second window
        // (675 rows), so the last match, far past both, comes through the index; from the end, one in the first window
        // and the rest in the second (2,700 rows).
        dense.ShouldBe(300);
        (await EveryId("z33")).ShouldBe(Expected(g => g is 0 or 40 or 80 or 120 or 160 or 200 or 230 or 260 or 290 or 850));
        // The same and two more: going up, the second page comes from the second window, with matches still past it.
        (await EveryId("w44")).ShouldBe(Expected(g => g is 0 or 40 or 80 or 120 or 160 or 200 or 230 or 260 or 290 or 500 or 700 or 850));
        var first = await (await client.GetAsync("/api/v1/customers?q=X77&limit=5&includeTotal=true" + sort + filter)).ShouldBe(HttpStatusCode.OK);
        first.GetProperty("total").GetInt64().ShouldBe(expected.Count);
        (await Names(client, "?q=x77&limit=5&type=partner" + sort + filter)).ShouldBeEmpty();
    }

    [Fact]
    public async Task AWordInsideManyListedWordsIsIntersectedWithEveryOneOfThem()
    {
        // Each listed word a query word sits inside is a key of its postings. "moreir" has 2 keys and "carvalh" 11
        // (over a thousand customers hold each word, so they are intersected): merged, 4 and 16 scans. "arvalh" has 27:
        // past 16 keys the postings are hashed instead. "marvalhoaa" is no correction of "carvalh" (pg_trgm
        // similarity 0.27, under 0.3), so the merged queries do not find the Marvalhos.
        var suffixes = Enumerable.Range(0, 16).Select(i => new string((char)('a' + i), 2)).ToArray();
        await Factory.ScalarAsync<int>("""
            WITH c AS (
                INSERT INTO customers (id, kind, name, type, tags, search_text, created_at, updated_at)
                SELECT gen_random_uuid(), 'Company', name, 'Lead', '{}', lower(name), now(), now()
                FROM (SELECT 'Carvalho Filhos ' || g FROM generate_series(1, 1000) g
                      UNION ALL SELECT 'Moreira Filhos ' || g FROM generate_series(1, 1000) g
                      UNION ALL SELECT 'Carvalho Moreira ' || g FROM generate_series(1, 30) g
                      UNION ALL SELECT 'Carvalhos Moreira ' || g FROM generate_series(1, 5) g
                      UNION ALL SELECT 'Carvalho' || s || ' Moreira' FROM unnest(@p0[1:8]) s
                      UNION ALL SELECT 'Marvalho' || s || ' Moreira' FROM unnest(@p0) s) AS c(name)
                RETURNING 1),
            w AS (INSERT INTO search_words (word)
                  SELECT x FROM (SELECT 'carvalho' UNION ALL SELECT 'carvalhos' UNION ALL SELECT 'moreira' UNION ALL SELECT 'filhos'
                                 UNION ALL SELECT 'carvalho' || s FROM unnest(@p0[1:8]) s
                                 UNION ALL SELECT 'marvalho' || s FROM unnest(@p0) s) AS w(x)
                  ON CONFLICT DO NOTHING RETURNING 1)
            SELECT ((SELECT count(*) FROM c) + (SELECT count(*) FROM w))::int
            """, (object)suffixes);

        using var client = await Factory.AdminClientAsync();
        var merged = Enumerable.Range(1, 30).Select(i => $"Carvalho Moreira {i}")
            .Concat(Enumerable.Range(1, 5).Select(i => $"Carvalhos Moreira {i}"))
            .Concat(suffixes[..8].Select(x => $"Carvalho{x} Moreira")).ToList();
        var hashed = merged.Concat(suffixes.Select(x => $"Marvalho{x} Moreira")).ToList();

        (await EveryPage(client, "?q=moreir%20carvalh&limit=6")).ShouldBe(merged.InNameOrder());
        (await EveryPage(client, "?q=carvalh%20moreir&limit=6&sort=-name")).ShouldBe(merged.InNameOrderDescending());
        (await EveryPage(client, "?q=arvalh%20moreira&limit=6")).ShouldBe(hashed.InNameOrder());
        (await EveryPage(client, "?q=arvalh%20moreira&limit=6&sort=-name")).ShouldBe(hashed.InNameOrderDescending());

        // A rare word drives: its postings in name order, each checked against the other word; when the other word
        // has more than 16 keys, in batches of candidates instead.
        (await EveryPage(client, "?q=moreir%20carvalhos&limit=2")).ShouldBe(merged.Where(n => n.StartsWith("Carvalhos ", StringComparison.Ordinal)).InNameOrder());
        (await EveryPage(client, "?q=marvalhoaa%20arvalh")).ShouldBe(["Marvalhoaa Moreira"]);
    }

    [Fact]
    public async Task SearchFollowsRenamesAndFindsTheWordsOfAddresses()
    {
        using var client = await Factory.AdminClientAsync();
        var created = await client.PostAsJsonAsync("/api/v1/customers", new { name = "Hurtownia Zielona", type = "lead", email = "biuro@kowalczykowie.pl", website = "https://sklep-zielarski.pl" });
        var id = (await created.JsonBody()).GetProperty("id").GetString();

        (await Names(client, "?q=kowalczykowie")).ShouldBe(["Hurtownia Zielona"]); // a word of the e-mail
        (await Names(client, "?q=zielarski")).ShouldBe(["Hurtownia Zielona"]); // a word of the web address
        (await Names(client, "?q=hurtownia%20kowalczykowie")).ShouldBe(["Hurtownia Zielona"]);
        (await Names(client, "?q=biuro@kowalczykowie.pl")).ShouldBe(["Hurtownia Zielona"]); // the whole address, as typed
        (await Names(client, "?q=kowalczyk")).ShouldBeEmpty(); // part of an e-mail's word: not (the word list holds names and places)

        var renamed = await client.SendWith(HttpMethod.Put, $"/api/v1/customers/{id}", JsonContent.Create(new { name = "Hurtownia Czerwona", type = "lead" }), ifMatch: created.ETag());
        renamed.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Names(client, "?q=zielona")).ShouldBeEmpty();
        (await Names(client, "?q=czerwona")).ShouldBe(["Hurtownia Czerwona"]);
        (await Names(client, "?q=kowalczykowie")).ShouldBeEmpty(); // PUT replaced the e-mail too
        (await Names(client, "?q=czerwna")).ShouldBe(["Hurtownia Czerwona"]); // misspelt: corrected to the new name's word
    }

    [Theory]
    [InlineData("+48 22 123 45 67")]
    [InlineData("+48 (22) 123-45-67")]
    [InlineData("0048 22 123 45 67")]
    [InlineData("(022) 123 45 67")]
    [InlineData("22 123 45 67")]
    [InlineData("123 45 67")]
    [InlineData("(+48) 22-123-45-67")]
    [InlineData("22-123-45-67")]
    public async Task APhoneNumberTypedInGroupsFindsThatNumber(string q)
    {
        using var client = await Factory.AdminClientAsync();
        foreach (var (name, phone, externalId) in new (string Name, string? Phone, string? ExternalId)[]
                 {
                     ("Biuro Rachunkowe", "+48 22 123 45 67", null),
                     ("Hurtownia Mazowsze", "+48 501 123 999", null), // holds "+48" and "123", which the words alone matched
                     ("Sklep Kraków", "+48 12 765 43 21", null),
                     ("Archiwum Miejskie", null, "500 100 200 300"), // an id kept with its spaces
                     ("Rejestr Handlowy", null, "600-700-800-900"),
                     ("Hurtownia Podlasie", "+48 600 111 222", "700-800-333"), // the groups of "600 700 800", from two fields
                 })
        {
            (await client.PostAsJsonAsync("/api/v1/customers", new { name, type = "lead", phone, externalId })).StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        (await Names(client, "?q=" + Uri.EscapeDataString(q))).ShouldBe(["Biuro Rachunkowe"]);
        (await Names(client, "?q=" + Uri.EscapeDataString("500 100 200 300"))).ShouldBe(["Archiwum Miejskie"]); // matched as typed
        (await Names(client, "?q=" + Uri.EscapeDataString("600 700 800 900"))).ShouldBe(["Rejestr Handlowy"]); // groups of three or more, in order
        (await Names(client, "?q=" + Uri.EscapeDataString("600 700 800"))).ShouldBe(["Rejestr Handlowy"]);
    }

    [Theory]
    [InlineData("'; DROP TABLE customers; --")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("%_\\")]
    [InlineData("a")]
    public async Task HostileOrTinyQueriesAreJustSearched(string q)
    {
        using var client = await Factory.AdminClientAsync();
        await Create(client, "Acme");
        (await client.GetAsync("/api/v1/customers?q=" + Uri.EscapeDataString(q))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Names(client, string.Empty)).ShouldBe(["Acme"]);
    }

    [Theory]
    [InlineData("name")]
    [InlineData("-name")]
    [InlineData("createdAt")]
    [InlineData("-createdAt")]
    [InlineData("-updatedAt")]
    public async Task KeysetPagesWalkEveryRowOnceInOrder(string sort)
    {
        using var client = await Factory.AdminClientAsync();
        var expected = new List<string>();
        for (var i = 0; i < 23; i++)
        {
            // Duplicate names on purpose: the id breaks ties.
            var name = "Customer " + (i % 7).ToString("D2", CultureInfo.InvariantCulture);
            await Create(client, name);
            expected.Add(name);
        }

        var seen = new List<string>();
        var ids = new HashSet<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var body = await (await client.GetAsync($"/api/v1/customers?limit=5&sort={sort}" + (cursor is null ? string.Empty : "&cursor=" + Uri.EscapeDataString(cursor)))).ShouldBe(HttpStatusCode.OK);
            foreach (var item in body.GetProperty("items").EnumerateArray())
            {
                ids.Add(item.GetProperty("id").GetString()!).ShouldBeTrue();
                seen.Add(item.GetProperty("name").GetString()!);
            }

            cursor = body.GetProperty("nextCursor").ValueKind == JsonValueKind.Null ? null : body.GetProperty("nextCursor").GetString();
            pages++;
        }
        while (cursor is not null);

        pages.ShouldBe(5);
        seen.Count.ShouldBe(23);
        if (sort == "name")
        {
            seen.ShouldBe(expected.InNameOrder());
        }
        else if (sort == "-name")
        {
            seen.ShouldBe(expected.InNameOrderDescending());
        }
    }

    [Fact]
    public async Task TheUnfilteredListAnswersPageForPageAsTheGeneralQuery()
    {
        // The unfiltered list by name is one hand-written statement read by CustomerRows; asking for the total takes the
        // general path (EF Core's projection). Every page, field and cursor must agree, and each item with GET by id
        // (also CustomerRows, with its ETag).
        using var client = await Factory.AdminClientAsync();
        await CreateEveryKindOfCustomer(client);
        for (var i = 0; i < 5; i++)
        {
            await Create(client, "Page " + (i % 4).ToString(CultureInfo.InvariantCulture), city: i % 3 == 0 ? "Porto" : null);
        }

        var archived = (await Pages(client, "?q=archived+zephyrine")).Single().Single().GetProperty("id").GetString();
        (await client.DeleteAsync($"/api/v1/customers/{archived}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        string? handWritten = null, general = null;
        var pages = 0;
        do
        {
            var after = handWritten is null ? string.Empty : "&cursor=" + Uri.EscapeDataString(handWritten);
            var fast = await (await client.GetAsync("/api/v1/customers?limit=5" + after)).ShouldBe(HttpStatusCode.OK);
            var slow = await (await client.GetAsync("/api/v1/customers?limit=5&includeTotal=true" + (general is null ? string.Empty : "&cursor=" + Uri.EscapeDataString(general)))).ShouldBe(HttpStatusCode.OK);
            fast.GetProperty("items").GetRawText().ShouldBe(slow.GetProperty("items").GetRawText());
            slow.GetProperty("total").GetInt64().ShouldBe(11);
            foreach (var item in fast.GetProperty("items").EnumerateArray())
            {
                using var one = await client.GetAsync($"/api/v1/customers/{item.GetProperty("id").GetString()}");
                (await one.ShouldBe(HttpStatusCode.OK)).GetRawText().ShouldBe(item.GetRawText());
                one.Headers.ETag.ShouldNotBeNull();
            }

            handWritten = fast.GetProperty("nextCursor").GetString();
            general = slow.GetProperty("nextCursor").GetString();
            handWritten.ShouldBe(general);
            pages++;
        }
        while (handWritten is not null);

        pages.ShouldBe(3);
    }

    [Theory]
    [InlineData("zephyrine")]
    [InlineData("zephyrine mistral")]
    public async Task ASearchReadsItsPageInTheStatementThatFindsItAsTheGeneralQueryDoes(string q)
    {
        // Without filters, a search of one plain word reads its customers in the statement that finds them (CustomerRows),
        // two words by a hand-written page read (CustomerRows too); with a filter that keeps them all, EF Core's
        // projection reads them (the filtered page read). Every field must agree, and with GET by id.
        using var client = await Factory.AdminClientAsync();
        await CreateEveryKindOfCustomer(client);

        var archived = (await Pages(client, "?q=archived+zephyrine")).Single().Single().GetProperty("id").GetString();
        (await client.DeleteAsync($"/api/v1/customers/{archived}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        foreach (var sort in new[] { "name", "-name" })
        {
            var query = $"?q={Uri.EscapeDataString(q)}&limit=2&sort={sort}";
            var found = await Pages(client, query);
            var general = await Pages(client, query + "&type=partner");
            found.Select(page => page.Count).ShouldBe(general.Select(page => page.Count));
            found.SelectMany(page => page).Select(i => i.GetRawText()).ShouldBe(general.SelectMany(page => page).Select(i => i.GetRawText()));
            found.Sum(page => page.Count).ShouldBe(q.Contains(' ', StringComparison.Ordinal) ? 4 : 6);
            foreach (var item in found.SelectMany(page => page))
            {
                var one = await (await client.GetAsync($"/api/v1/customers/{item.GetProperty("id").GetString()}")).ShouldBe(HttpStatusCode.OK);
                item.GetRawText().ShouldBe(one.GetRawText());
            }
        }
    }

    [Fact]
    public async Task FiltersByTypeTagAndReturnsTotalOnRequest()
    {
        using var client = await Factory.AdminClientAsync();
        await Create(client, "A", "customer", ["vip"]);
        await Create(client, "B", "customer");
        await Create(client, "C", "supplier", ["vip"]);

        (await Names(client, "?type=customer")).ShouldBe(["A", "B"]);
        (await Names(client, "?type=Customer&tag=vip")).ShouldBe(["A"]);
        (await Names(client, "?tag=vip&sort=-name")).ShouldBe(["C", "A"]);
        var body = await (await client.GetAsync("/api/v1/customers?limit=1&includeTotal=true")).ShouldBe(HttpStatusCode.OK);
        body.GetProperty("total").GetInt64().ShouldBe(3);
        body.GetProperty("items").GetArrayLength().ShouldBe(1);
        (await (await client.GetAsync("/api/v1/customers")).Content.ReadAsStringAsync()).ShouldNotContain("\"total\"");
    }

    [Theory]
    [InlineData("?limit=100000", "limit")]
    [InlineData("?limit=0", "limit")]
    [InlineData("?limit=abc", "limit")]
    [InlineData("?sort=password", "sort")]
    [InlineData("?type=planet", "type")]
    [InlineData("?ownerId=not-a-guid", "ownerId")]
    [InlineData("?cursor=forged!!", "cursor")]
    [InlineData("?cursor=eyJzIjoiY3VzdG9tZXJzOm5hbWU6YSIsImsiOm51bGwsImkiOiIwIn0", "cursor")]
    public async Task BadListParametersAre400NamingTheParameter(string query, string field)
    {
        using var client = await Factory.AdminClientAsync();
        await (await client.GetAsync("/api/v1/customers" + query)).ShouldBeValidationProblem(field);
    }

    [Fact]
    public async Task ACursorFromAnotherSortOrderIsRejected()
    {
        using var client = await Factory.AdminClientAsync();
        await Create(client, "A");
        await Create(client, "B");
        var cursor = (await (await client.GetAsync("/api/v1/customers?limit=1")).JsonBody()).GetProperty("nextCursor").GetString();
        await (await client.GetAsync("/api/v1/customers?limit=1&sort=-createdAt&cursor=" + cursor)).ShouldBeValidationProblem("cursor");
    }

    [Fact]
    public async Task RealCompanyNamesFromTheSalesDatasetAreFoundBySloppyQueries()
    {
        using var client = await Factory.AdminClientAsync();
        var path = Path.Combine(AppContext.BaseDirectory, "datasets", "crm-sales-accounts.csv");
        var names = File.ReadLines(path).Skip(1).Select(l => l.Split(',')[0]).Where(n => n.Length > 0).Distinct().ToList();
        names.Count.ShouldBe(85);
        foreach (var name in names)
        {
            await Create(client, name);
        }

        (await Names(client, "?includeTotal=true&limit=200")).Count.ShouldBe(85);
        (await Names(client, "?q=" + Uri.EscapeDataString("ACME CORP"))).ShouldContain("Acme Corporation"); // case, partial
        (await Names(client, "?q=" + Uri.EscapeDataString("betatek"))).ShouldContain("Betatech"); // misspelt
        (await Names(client, "?q=" + Uri.EscapeDataString("betasolo"))).ShouldContain("Betasoloin"); // prefix of a word
        (await Names(client, "?q=" + Uri.EscapeDataString("konex"))).ShouldContain("Konex"); // exact word
        (await Names(client, "?q=" + Uri.EscapeDataString("Rangreen"))).ShouldContain("Rangreen");
    }
}
