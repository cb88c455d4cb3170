using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Crm.Api.IntegrationTests.Infrastructure;
using Crm.Domain.Common;
using Crm.Infrastructure.Persistence.Migrations;
using Npgsql;

namespace Crm.Api.IntegrationTests.Platform;

/// <summary>
/// The migrations that bring stored data to the fold of compatibility forms, format characters and l.l
/// (<see cref="RefoldSearchText"/>) and to names in NFC (<see cref="NamesInNfc"/>), run over rows written as before.
/// </summary>
public sealed class RefoldMigrationTests(CrmApiFactory factory) : ApiTest(factory)
{
    /// <summary>SearchText.Fold as it was before the migration (code point by code point, canonical decomposition only).</summary>
    private static string PreviousFold(string value)
    {
        var sb = new StringBuilder();
        var lastWasSpace = false;
        foreach (var ch in value.Normalize(NormalizationForm.FormD))
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(ch);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
            {
                continue;
            }

            if (char.IsWhiteSpace(ch))
            {
                if (!lastWasSpace && sb.Length > 0)
                {
                    sb.Append(' ');
                }

                lastWasSpace = true;
                continue;
            }

            lastWasSpace = false;
            var lower = char.ToLowerInvariant(ch);
            sb.Append(lower switch
            {
                'ł' => "l", 'đ' => "d", 'ø' => "o", 'ħ' => "h", 'ı' => "i", 'æ' => "ae", 'œ' => "oe", 'ß' => "ss", 'þ' => "th", 'ς' => "σ", '·' => "",
                'ŀ' => sb.Length > 0 && sb[^1] == 'l' ? "" : "l",
                _ => lower.ToString(),
            });
        }

        return sb.ToString().TrimEnd().Normalize(NormalizationForm.FormC);
    }

    private async Task<List<string>> RefoldAsync(IReadOnlyList<string> texts)
    {
        await using var db = new NpgsqlConnection(Factory.ConnectionString);
        await db.OpenAsync();
        await using (var create = new NpgsqlCommand(RefoldSearchText.RefoldFunction, db))
        {
            await create.ExecuteNonQueryAsync();
        }

        await using var command = new NpgsqlCommand("SELECT pg_temp.crm_refold(t) FROM unnest(@texts) WITH ORDINALITY AS x(t, n) ORDER BY n", db);
        command.Parameters.AddWithValue("texts", texts.ToArray());
        var refolded = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            refolded.Add(reader.GetString(0));
        }

        return refolded;
    }

    /// <summary>
    /// Every code point with a compatibility form, and every format character, inside a word: the migration's SQL makes
    /// of the previous fold's text exactly what SearchText.Fold makes of the original.
    /// </summary>
    [Fact]
    public async Task TheRefoldInSqlIsTheFoldForEveryCompatibilityFormAndFormatCharacter()
    {
        var originals = new List<string>();
        for (var cp = 0x80; cp <= 0x10FFFF; cp++)
        {
            if (cp is >= 0xD800 and <= 0xDFFF or 'ŀ' or 'Ŀ')
            {
                continue; // ŀ was folded by the previous fold already (FoldCatalanLWithMiddleDot)
            }

            var s = char.ConvertFromUtf32(cp);
            if (CharUnicodeInfo.GetUnicodeCategory(cp) == UnicodeCategory.OtherNotAssigned)
            {
                continue; // not a character (yet): .NET refuses to normalise some
            }

            if (cp is >= 0x1E030 and <= 0x1E08F)
            {
                continue; // Cyrillic modifier letters (Unicode 15): PostgreSQL 15's normalize() has Unicode 14's tables
            }

            var compatibility = s.Normalize(NormalizationForm.FormKD) != s.Normalize(NormalizationForm.FormD);
            if (compatibility || (cp <= 0xFFFF && CharUnicodeInfo.GetUnicodeCategory((char)cp) == UnicodeCategory.Format))
            {
                originals.Add("ab" + s + "cd");
                originals.Add(s + " Xy " + s);
            }
        }

        originals.AddRange([
            "Cel.lers de l'Empordà", "COL.LEGI d'Advocats", "Paral.lel i il.lusió", "paul.lewis@example.com", "https://www.mail.lu/cel.lers",
            "l.l al. l.lum", "para.l.lel", "Kowal\u00ADski \u200B Handel", "\uFEFFSão Paulo", "ﬁnanças Ｃａｆé 1º", "Łódź Αθήνα Οδυσσεύς Straße",
        ]);
        originals.Count.ShouldBeGreaterThan(7000);

        var refolded = await RefoldAsync(originals.Select(PreviousFold).ToList());

        var wrong = originals.Select((o, i) => (Original: o, Sql: refolded[i], Fold: SearchText.Fold(o)))
            .Where(x => x.Sql != x.Fold)
            .Select(x => $"{string.Join(' ', x.Original.EnumerateRunes().Select(r => r.Value.ToString("X4", CultureInfo.InvariantCulture)))}: sql '{x.Sql}', fold '{x.Fold}'")
            .ToList();
        wrong.ShouldBeEmpty();
    }

    [Fact]
    public async Task SearchTextsWrittenByThePreviousFoldAreRefoldedAndOnlyThey()
    {
        using var client = await Factory.AdminClientAsync();
        var names = new[] { "ﬁnanças Lda", "Cel.lers Vells", "Kowal\u00ADski Handel", "Ｃａｆé Ｌｉｓｂｏａ", "Plain Name", "Lewis Trading" };
        var ids = new Dictionary<string, Guid>();
        foreach (var name in names)
        {
            var email = name == "Lewis Trading" ? "paul.lewis@example.com" : null;
            var created = await (await client.PostAsJsonAsync("/api/v1/customers", new { name, email, type = "lead" })).ShouldBe(HttpStatusCode.Created);
            ids[name] = Guid.Parse(created.GetProperty("id").GetString()!);
        }

        var customerId = ids["Plain Name"];
        await (await client.PostAsJsonAsync("/api/v1/contacts", new { customerId, firstName = "ﬁona", lastName = "Cel.lers" })).ShouldBe(HttpStatusCode.Created);

        await using var db = new NpgsqlConnection(Factory.ConnectionString);
        await db.OpenAsync();
        async Task ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
        {
            await using var command = new NpgsqlCommand(sql, db);
            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(name, value);
            }

            await command.ExecuteNonQueryAsync();
        }

        // As the previous fold wrote them (the update trigger moves the postings to those texts' words).
        foreach (var name in names)
        {
            var email = name == "Lewis Trading" ? "paul.lewis@example.com" : null;
            await ExecuteAsync("UPDATE customers SET search_text = @text WHERE id = @id", ("text", SearchTextBefore(name, email)), ("id", ids[name]));
        }

        await ExecuteAsync("UPDATE contacts SET search_text = @text", ("text", SearchTextBefore("ﬁona", "Cel.lers")));
        (await Factory.ScalarAsync<long>("SELECT count(*) FROM customer_search WHERE word IN ('ﬁnancas', 'kowal')")).ShouldBe(2);
        (await Names(client, "financas")).ShouldBeEmpty();
        var untouched = await Factory.ScalarAsync<string>("SELECT string_agg(xmin::text, ',' ORDER BY id) FROM customers WHERE name IN ('Plain Name', 'Lewis Trading')");

        await ExecuteAsync(RefoldSearchText.Refold);

        (await Names(client, "financas")).ShouldBe(["ﬁnanças Lda"]);
        (await Names(client, "cellers")).ShouldBe(["Cel.lers Vells"]);
        (await Names(client, "cel.lers")).ShouldBe(["Cel.lers Vells"]);
        (await Names(client, "kowalski")).ShouldBe(["Kowal\u00ADski Handel"]);
        (await Names(client, "cafe lisboa")).ShouldBe(["Ｃａｆé Ｌｉｓｂｏａ"]);
        (await Names(client, "paul.lewis@example.com")).ShouldBe(["Lewis Trading"]);
        (await Names(client, "lewis")).ShouldBe(["Lewis Trading"]);
        var contacts = await (await client.GetAsync("/api/v1/contacts?q=fiona%20cellers")).ShouldBe(HttpStatusCode.OK);
        contacts.GetProperty("items").GetArrayLength().ShouldBe(1);
        foreach (var name in names)
        {
            (await Factory.ScalarAsync<string>("SELECT search_text FROM customers WHERE id = @p0", ids[name]))
                .ShouldBe(SearchText.Build(name, name == "Lewis Trading" ? "paul.lewis@example.com" : null));
        }

        (await Factory.ScalarAsync<string>("SELECT string_agg(xmin::text, ',' ORDER BY id) FROM customers WHERE name IN ('Plain Name', 'Lewis Trading')"))
            .ShouldBe(untouched); // rows the new fold does not change are not written
        (await Factory.ScalarAsync<long>("SELECT count(*) FROM customer_search WHERE word IN ('ﬁnancas', 'kowal')")).ShouldBe(0);
        (await Factory.ScalarAsync<long>("SELECT count(*) FROM search_words WHERE word IN ('financas', 'cellers', 'kowalski', 'fiona')")).ShouldBe(4);
        (await Factory.ScalarAsync<long>("SELECT count(*) FROM search_words WHERE NOT (word IS NFKC NORMALIZED)")).ShouldBe(0);
    }

    [Fact]
    public async Task NamesStoredDecomposedAreComposedAndTheirPostingsFollow()
    {
        using var client = await Factory.AdminClientAsync();
        var created = await (await client.PostAsJsonAsync("/api/v1/customers", new { name = "Café Lisboa", type = "lead" })).ShouldBe(HttpStatusCode.Created);
        var customerId = Guid.Parse(created.GetProperty("id").GetString()!);
        await (await client.PostAsJsonAsync("/api/v1/contacts", new { customerId, firstName = "Zoë", lastName = "Wiśniewska" })).ShouldBe(HttpStatusCode.Created);
        await (await client.PostAsJsonAsync("/api/v1/departments", new { name = "Finançes" })).ShouldBe(HttpStatusCode.Created);
        await (await client.PostAsJsonAsync("/api/v1/departments", new { name = "Comptabilitat" })).ShouldBe(HttpStatusCode.Created);

        await using var db = new NpgsqlConnection(Factory.ConnectionString);
        await db.OpenAsync();
        async Task ExecuteAsync(string sql)
        {
            await using var command = new NpgsqlCommand(sql, db);
            await command.ExecuteNonQueryAsync();
        }

        // As the API stored names sent decomposed; a second department told apart from another only by its code points.
        await ExecuteAsync("""
            UPDATE customers SET name = normalize(name, NFD);
            UPDATE contacts SET first_name = normalize(first_name, NFD), last_name = normalize(last_name, NFD);
            UPDATE departments SET name = normalize(name, NFD) WHERE name = 'Finançes';
            INSERT INTO departments (id, name, created_at, updated_at) VALUES (gen_random_uuid(), 'Finançes', now(), now());
            """);
        (await Factory.ScalarAsync<long>("SELECT count(*) FROM customer_search WHERE name = normalize('Café Lisboa', NFD)")).ShouldBe(2);

        await ExecuteAsync(NamesInNfc.Normalise);

        (await Factory.ScalarAsync<string>("SELECT name FROM customers WHERE id = @p0", customerId)).ShouldBe("Café Lisboa");
        (await Factory.ScalarAsync<string>("SELECT first_name || ' ' || last_name FROM contacts")).ShouldBe("Zoë Wiśniewska");
        (await Factory.ScalarAsync<long>("SELECT count(*) FROM customer_search WHERE name = 'Café Lisboa'")).ShouldBe(2); // cafe, lisboa
        (await Factory.ScalarAsync<long>("SELECT count(*) FROM customer_search WHERE NOT (name IS NFC NORMALIZED)")).ShouldBe(0);
        // The department whose NFC name another one has keeps its name: names are unique, and which is meant is for an Admin to say.
        (await Factory.ScalarAsync<long>("SELECT count(*) FROM departments WHERE name IN ('Finançes', normalize('Finançes', NFD))")).ShouldBe(2);
        var list = await (await client.GetAsync("/api/v1/customers?q=cafe")).ShouldBe(HttpStatusCode.OK);
        list.GetProperty("items")[0].GetProperty("name").GetString().ShouldBe("Café Lisboa");
    }

    private static string SearchTextBefore(params string?[] parts) =>
        string.Join(' ', parts.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => PreviousFold(p!)).Where(p => p.Length > 0));

    private static async Task<List<string>> Names(HttpClient client, string q)
    {
        var body = await (await client.GetAsync("/api/v1/customers?q=" + Uri.EscapeDataString(q))).ShouldBe(HttpStatusCode.OK);
        return body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()!).ToList();
    }
}
