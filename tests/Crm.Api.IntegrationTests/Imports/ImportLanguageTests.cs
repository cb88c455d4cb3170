using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Crm.Api.IntegrationTests.Infrastructure;
using CsvHelper;
using Npgsql;

namespace Crm.Api.IntegrationTests.Imports;

/// <summary>
/// An import's rejected rows and its failure reason are stored worded in the language of the upload (its
/// Accept-Language among en, pt, ca, pl, el): the reasons a Polish or Greek user fixes the file from are theirs, whoever
/// reads the job or its rejected rows later, in whatever language. The file's header and the field names stay as they are.
/// Without the header they are English, as partners always had them (ImportTests).
/// </summary>
public sealed class ImportLanguageTests(CrmApiFactory factory) : ApiTest(factory)
{
    /// <summary>What each language's user reads, by line of the files below.</summary>
    private static readonly Dictionary<string, Reasons> Expected = new()
    {
        ["pl"] = new(
            Customers:
            [
                "2", "email: To nie jest poprawny adres e-mail.",
                "5", "Pasujący klient jest zarchiwizowany; najpierw go przywróć.",
                "6", "Inny klient ma już ten externalId.",
                "7", "email: Wymagane; import dopasowuje rekordy po email.",
                "8", "Ten sam externalId co w wierszu 9.",
                "10", "Liczba komórek w wierszu: 4; w nagłówku: 3.",
            ],
            Contacts:
            [
                "2", "Żaden klient nie pasuje do customerId, customerExternalId ani customerEmail tego wiersza.",
                "3", "customerExternalId i customerEmail wskazują różnych klientów.",
                "4", "customerExternalId: Żaden klient nie ma tego identyfikatora zewnętrznego.",
            ],
            Unreadable: "Nie udało się odczytać pliku: Wiersz 3 otwiera komórkę w cudzysłowie, która nigdy nie zostaje zamknięta; nic nie zaimportowano.",
            Interrupted: "Przesyłanie zostało przerwane; nic nie zaimportowano. Uruchom import ponownie.",
            Lost: "Przygotowane wiersze przepadły przy ponownym uruchomieniu bazy danych; nic nie zaimportowano. Uruchom import ponownie."),
        ["el"] = new(
            Customers:
            [
                "2", "email: Δεν είναι έγκυρη διεύθυνση email.",
                "5", "Ο αντίστοιχος πελάτης είναι αρχειοθετημένος· επαναφέρετέ τον πρώτα.",
                "6", "Άλλος πελάτης έχει ήδη αυτό το externalId.",
                "7", "email: Υποχρεωτικό· η εισαγωγή αντιστοιχίζει με βάση το email.",
                "8", "Ίδιο externalId με τη γραμμή 9.",
                "10", "Η γραμμή έχει 4 κελιά· η κεφαλίδα έχει 3.",
            ],
            Contacts:
            [
                "2", "Κανένας πελάτης δεν αντιστοιχεί στο customerId, customerExternalId ή customerEmail αυτής της γραμμής.",
                "3", "Τα customerExternalId και customerEmail αντιστοιχούν σε διαφορετικούς πελάτες.",
                "4", "customerExternalId: Κανένας πελάτης δεν έχει αυτό το εξωτερικό αναγνωριστικό.",
            ],
            Unreadable: "Δεν ήταν δυνατή η ανάγνωση του αρχείου: Η γραμμή 3 ανοίγει κελί σε εισαγωγικά που δεν κλείνει ποτέ· δεν εισήχθη τίποτα.",
            Interrupted: "Η αποστολή διακόπηκε· δεν εισήχθη τίποτα. Εκτελέστε ξανά την εισαγωγή.",
            Lost: "Οι προετοιμασμένες γραμμές χάθηκαν όταν επανεκκινήθηκε η βάση δεδομένων· δεν εισήχθη τίποτα. Εκτελέστε ξανά την εισαγωγή."),
    };

    /// <summary>
    /// Rejected at staging (an invalid email, no email to match on, more cells than the header), by the merge (the matching
    /// customer archived, an external id another customer has, the same external id as a later line) — and a row superseded
    /// by a later one with the same email, which is counted, not rejected.
    /// </summary>
    private const string CustomersFile = """
        Name,Email,External id
        Bad,not-an-email,
        Dup,dup@x.pt,
        Dup Later,dup@x.pt,
        Archived,archived@x.pt,
        Taker,new@x.pt,ERP-T
        No Key,,
        X1,x1@x.pt,ERP-X
        X2,x2@x.pt,ERP-X
        Wide,w@x.pt,,extra

        """;

    /// <summary>No customer has the external id; two that name different customers; one of two that matches nothing.</summary>
    private const string ContactsFile = """
        Customer external id,Customer email,First name,Email
        NO-SUCH,,Ana,ana@x.pt
        ERP-T,other@x.pt,Mixed,mixed@x.pt
        NO-SUCH,other@x.pt,Stray,stray@x.pt

        """;

    [Theory]
    [InlineData("pl")]
    [InlineData("el")]
    public async Task RejectedRowsAreWordedInTheUploadersLanguageWhoeverReadsThem(string language)
    {
        using var admin = await Factory.AdminClientAsync();
        await (await admin.PostAsJsonAsync("/api/v1/customers", new { name = "Taken Co", email = "taken@x.pt", externalId = "ERP-T" })).ShouldBe(HttpStatusCode.Created);
        await (await admin.PostAsJsonAsync("/api/v1/customers", new { name = "Other Co", email = "other@x.pt", externalId = "ERP-O" })).ShouldBe(HttpStatusCode.Created);
        var archived = await (await admin.PostAsJsonAsync("/api/v1/customers", new { name = "Archived Co", email = "archived@x.pt" })).ShouldBe(HttpStatusCode.Created);
        (await admin.DeleteAsync($"/api/v1/customers/{archived.GetProperty("id").GetString()}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var expected = Expected[language];

        var customers = await ImportAsync(admin, "entity=customers&mode=upsert&matchOn=email", CustomersFile, language);
        Counts(customers).ShouldBe([2, 0, 0, 1, 6], customers.ToString());
        customers.GetProperty("language").GetString().ShouldBe(language);
        var rows = await RejectedRowsAsync(admin, customers, language);
        rows[0].ShouldBe(["line", "error", "Name", "Email", "External id"]);
        rows.Skip(1).SelectMany(r => r[..2]).ShouldBe(expected.Customers);
        rows[^1].ShouldBe(["10", expected.Customers[^1], "Wide", "w@x.pt", string.Empty, "extra"]);

        // Read later in English, Portuguese or with no language at all, they are the uploader's words, byte for byte.
        var asUploaded = await RejectedRowsTextAsync(admin, customers, language);
        foreach (var reader in new[] { "en", "pt", null })
        {
            (await RejectedRowsTextAsync(admin, customers, reader)).ShouldBe(asUploaded);
            var job = await JobAsync(admin, customers, reader);
            job.GetProperty("rejected").GetInt64().ShouldBe(6);
            job.GetProperty("language").GetString().ShouldBe(language);
        }

        var contacts = await ImportAsync(admin, "entity=contacts", ContactsFile, language);
        Counts(contacts).ShouldBe([0, 0, 0, 0, 3], contacts.ToString());
        (await RejectedRowsAsync(admin, contacts, "en")).Skip(1).SelectMany(r => r[..2]).ShouldBe(expected.Contacts);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("de")]
    public async Task AnUploadInNoLanguageOfOursIsEnglish(string? language)
    {
        using var admin = await Factory.AdminClientAsync();
        using var request = Upload("entity=customers&mode=insert", "Name,Email\nBad,not-an-email\n", language);
        var started = await (await admin.SendAsync(request)).ShouldBe(HttpStatusCode.Accepted);
        var job = await ImportJobs.FinishedAsync(admin, started.GetProperty("id").GetGuid());
        job.GetProperty("language").GetString().ShouldBe("en");
        (await RejectedRowsAsync(admin, job, "pl"))[1].ShouldBe(["2", "email: Not a valid email address.", "Bad", "not-an-email"]);
    }

    [Theory]
    [InlineData("en", "The JSON is not valid at line 3, byte 10 of that line.", "The file could not be read: ")]
    [InlineData("pl", "JSON jest niepoprawny w wierszu 3, w bajcie 10 tego wiersza.", "Nie udało się odczytać pliku: ")]
    [InlineData("el", "Το JSON δεν είναι έγκυρο στη γραμμή 3, byte 10 της γραμμής.", "Δεν ήταν δυνατή η ανάγνωση του αρχείου: ")]
    public async Task AJsonFileThatIsNotJsonIsRefusedInTheUploadsLanguageAtItsLineNotInTheParsersEnglish(string language, string reason, string prefix)
    {
        using var admin = await Factory.AdminClientAsync();
        const string file = "[{\"name\": \"Good\"},\n{\"name\": \"Fine\"},\n{\"name\": oops}]\n";
        using (var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/imports?entity=customers&mode=insert"))
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(file)) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } };
            request.Headers.AcceptLanguage.ParseAdd(language);
            var problem = await (await admin.SendAsync(request)).ShouldBeValidationProblem("file");
            problem.GetProperty("errors").GetProperty("file")[0].GetString().ShouldBe(reason);
        }

        var failed = (await (await admin.GetAsync("/api/v1/imports")).ShouldBe(HttpStatusCode.OK)).GetProperty("items")[0];
        failed.GetProperty("status").GetString().ShouldBe("failed");
        failed.GetProperty("error").GetString().ShouldBe(prefix + reason);
        failed.GetProperty("inserted").GetInt64().ShouldBe(0);
    }

    [Theory]
    [InlineData("pl")]
    [InlineData("el")]
    public async Task AJobsFailureReasonIsInItsLanguageWhoeverReadsIt(string language)
    {
        using var admin = await Factory.AdminClientAsync();
        var expected = Expected[language];

        // The upload fails: the 400 and the job's reason are worded alike.
        using (var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/imports?entity=customers&mode=insert") { Content = Csv("Name,Email\nGood,g@x.pt\n\"Open,o@x.pt\n") })
        {
            request.Headers.AcceptLanguage.ParseAdd(language);
            var problem = await (await admin.SendAsync(request)).ShouldBeValidationProblem("file");
            expected.Unreadable.ShouldEndWith(problem.GetProperty("errors").GetProperty("file")[0].GetString()!);
        }

        var failed = (await (await admin.GetAsync("/api/v1/imports")).ShouldBe(HttpStatusCode.OK)).GetProperty("items")[0];
        failed.GetProperty("status").GetString().ShouldBe("failed");
        failed.GetProperty("error").GetString().ShouldBe(expected.Unreadable);

        // The worker fails an upload whose process died and a staged job whose rows a database crash emptied.
        var me = (await (await admin.GetAsync("/api/v1/me")).JsonBody()).GetProperty("id").GetGuid();
        var uploading = Guid.CreateVersion7();
        var lost = Guid.CreateVersion7();
        await using (var db = new NpgsqlConnection(Factory.ConnectionString))
        {
            await db.OpenAsync();
            await using var insert = new NpgsqlCommand("""
                INSERT INTO import_jobs (id, entity, mode, match_on, dry_run, status, phase, columns, defaults, total, processed, inserted, updated, unchanged, duplicates, rejected, created_by_id, created_at, updated_at, language)
                VALUES (@a, 'customers', 'Upsert', 'email', false, 'Running', 'receiving', '[]', '{}', 10, 10, 0, 0, 0, 0, 0, @me, now(), now() - interval '1 minute', @language),
                       (@b, 'customers', 'Upsert', 'email', false, 'Queued', 'staged', '[{"column":"name","field":"name"}]', '{}', 5, 5, 0, 0, 0, 0, 0, @me, now(), now(), @language)
                """, db);
            insert.Parameters.AddWithValue("a", uploading);
            insert.Parameters.AddWithValue("b", lost);
            insert.Parameters.AddWithValue("me", me);
            insert.Parameters.AddWithValue("language", language);
            await insert.ExecuteNonQueryAsync();
        }

        var interrupted = await ImportJobs.FinishedAsync(admin, uploading);
        interrupted.GetProperty("status").GetString().ShouldBe("failed");
        interrupted.GetProperty("error").GetString().ShouldBe(expected.Interrupted);
        var emptied = await ImportJobs.FinishedAsync(admin, lost);
        emptied.GetProperty("status").GetString().ShouldBe("failed");
        (await JobAsync(admin, emptied, "en")).GetProperty("error").GetString().ShouldBe(expected.Lost);
    }

    private static ByteArrayContent Csv(string text)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(text.Replace("\r\n", "\n", StringComparison.Ordinal)));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return content;
    }

    private static HttpRequestMessage Upload(string query, string file, string? language)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/imports?{query}") { Content = Csv(file) };
        if (language is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(language);
        }

        return request;
    }

    private static async Task<JsonElement> ImportAsync(HttpClient client, string query, string file, string language)
    {
        using var request = Upload(query, file, language);
        var started = await (await client.SendAsync(request)).ShouldBe(HttpStatusCode.Accepted);
        return await ImportJobs.FinishedAsync(client, started.GetProperty("id").GetGuid());
    }

    private static async Task<JsonElement> JobAsync(HttpClient client, JsonElement job, string? language)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/imports/{job.GetProperty("id").GetString()}");
        if (language is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(language);
        }

        return await (await client.SendAsync(request)).ShouldBe(HttpStatusCode.OK);
    }

    private static long[] Counts(JsonElement job)
    {
        job.GetProperty("status").GetString().ShouldBe("succeeded", job.ToString());
        return [.. new[] { "inserted", "updated", "unchanged", "duplicates", "rejected" }.Select(p => job.GetProperty(p).GetInt64())];
    }

    /// <summary>GET /imports/{id}/errors as sent.</summary>
    private static async Task<string> RejectedRowsTextAsync(HttpClient client, JsonElement job, string? language)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/imports/{job.GetProperty("id").GetString()}/errors");
        if (language is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(language);
        }

        var response = await client.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>GET /imports/{id}/errors read as CSV: the header, then each rejected row's cells.</summary>
    private static async Task<List<string[]>> RejectedRowsAsync(HttpClient client, JsonElement job, string? language)
    {
        using var csv = new CsvParser(new StringReader(await RejectedRowsTextAsync(client, job, language)), CultureInfo.InvariantCulture);
        var rows = new List<string[]>();
        while (await csv.ReadAsync())
        {
            rows.Add(csv.Record!);
        }

        return rows;
    }

    private sealed record Reasons(string[] Customers, string[] Contacts, string Unreadable, string Interrupted, string Lost);
}
