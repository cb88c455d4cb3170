using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Crm.Api.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Crm.Api.IntegrationTests.Imports;

public sealed class ImportTests(CrmApiFactory factory) : ApiTest(factory)
{
    private static string Dataset(string name) => Path.Combine(AppContext.BaseDirectory, "datasets", name);

    private static async Task<JsonElement> StartAsync(HttpClient client, string query, HttpContent body, HttpStatusCode expected = HttpStatusCode.Accepted) =>
        await (await client.PostAsync($"/api/v1/imports?{query}", body)).ShouldBe(expected);

    private static StreamContent Csv(string path)
    {
        var content = new StreamContent(File.OpenRead(path));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return content;
    }

    private static ByteArrayContent Csv(string text, bool bom)
    {
        var bytes = (bom ? Encoding.UTF8.GetPreamble() : []).Concat(Encoding.UTF8.GetBytes(text)).ToArray();
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return content;
    }

    private static void ShouldCount(JsonElement job, long inserted, long updated, long unchanged, long duplicates, long rejected)
    {
        job.GetProperty("status").GetString().ShouldBe("succeeded", job.ToString());
        new[] { "inserted", "updated", "unchanged", "duplicates", "rejected" }.Select(p => job.GetProperty(p).GetInt64())
            .ShouldBe([inserted, updated, unchanged, duplicates, rejected], job.ToString());
    }

    /// <summary>The steps the worker logged for a job's merge (at Debug, which the tests' host logs for the worker).</summary>
    private List<string> MergeSteps(JsonElement job) =>
        JobLines(job).Where(l => l.Contains(" took ", StringComparison.Ordinal)).Select(l => l[..l.LastIndexOf(" took ", StringComparison.Ordinal)]).ToList();

    /// <summary>What the worker logged about a job's merge other than its steps' times: the warnings of work beside it that failed.</summary>
    private List<string> MergeProblems(JsonElement job) =>
        JobLines(job).Where(l => !l.Contains(" took ", StringComparison.Ordinal)).ToList();

    /// <summary>The worker's log lines about a job ("Import {id}: …"), from what follows that prefix.</summary>
    private IEnumerable<string> JobLines(JsonElement job)
    {
        var prefix = $"Import {job.GetProperty("id").GetString()}: ";
        return Factory.LogLines.Where(l => l.Contains(prefix, StringComparison.Ordinal)).Select(l => l[(l.IndexOf(prefix, StringComparison.Ordinal) + prefix.Length)..]);
    }

    /// <summary>
    /// Once a job is done only its rejected rows stay staged (for GET /imports/{id}/errors); the clean-up runs just
    /// after the job is marked finished, so this waits for it a little.
    /// </summary>
    private async Task OnlyRejectedRowsShouldStayStaged(JsonElement job)
    {
        var rejected = job.GetProperty("rejected").GetInt64();
        await using var db = new NpgsqlConnection(Factory.ConnectionString);
        await db.OpenAsync();
        var staged = "";
        for (var i = 0; i < 50; i++)
        {
            await using var command = new NpgsqlCommand(
                "SELECT coalesce(string_agg(coalesce(status, 'null') || ' ' || n, ', ' ORDER BY status), '') FROM (SELECT status, count(*) AS n FROM import_customer_rows WHERE job_id = @id GROUP BY status) AS s", db);
            command.Parameters.AddWithValue("id", job.GetProperty("id").GetGuid());
            staged = (string)(await command.ExecuteScalarAsync())!;
            if (staged == (rejected == 0 ? "" : $"rejected {rejected}"))
            {
                return;
            }

            await Task.Delay(100);
        }

        staged.ShouldBe(rejected == 0 ? "" : $"rejected {rejected}");
    }

    /// <summary>
    /// The merge writes the word postings of the rows it inserts itself (the insert trigger stands aside for that
    /// statement): they must be exactly the postings the trigger writes (the same function splits the words, and
    /// SearchWordTests holds that function to expected postings), for every customer; and a customer created after the
    /// import gets its postings from the trigger again.
    /// </summary>
    private async Task PostingsShouldFollowEverySearchText(HttpClient client)
    {
        var created = await (await client.PostAsJsonAsync("/api/v1/customers", new { name = "Zdzisława Posting-Check", type = "lead" })).JsonBody();
        await using var db = new NpgsqlConnection(Factory.ConnectionString);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand("""
            WITH expected AS (SELECT DISTINCT w COLLATE "C" AS word, c.name, c.id FROM customers c, crm_search_posting_words(c.search_text) AS w)
            SELECT (SELECT count(*) FROM customer_search), (SELECT count(*) FROM expected),
                   (SELECT count(*) FROM (SELECT word, name, id FROM customer_search EXCEPT SELECT word, name, id FROM expected) AS extra),
                   (SELECT count(*) FROM (SELECT word, name, id FROM expected EXCEPT SELECT word, name, id FROM customer_search) AS missing),
                   (SELECT count(*) FROM customer_search WHERE id = @created)
            """, db);
        command.Parameters.AddWithValue("created", Guid.Parse(created.GetProperty("id").GetString()!));
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        var (postings, expected, extra, missing, ofCreated) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4));
        (extra, missing).ShouldBe((0L, 0L), $"{postings} postings, {expected} expected");
        postings.ShouldBeGreaterThan(0);
        ofCreated.ShouldBe(3); // zdzislawa, posting, check
    }

    [Fact]
    public async Task TheSalesAccountsDatasetImportsAsCompaniesWithSectorRevenueAndEmployeesAsCustomFields()
    {
        using var admin = await Factory.AdminClientAsync();
        await admin.PostAsJsonAsync("/api/v1/custom-fields", new { entity = "customers", key = "sector", label = "Sector", type = "text" });
        await admin.PostAsJsonAsync("/api/v1/custom-fields", new { entity = "customers", key = "revenue", label = "Revenue", type = "number" });
        await admin.PostAsJsonAsync("/api/v1/custom-fields", new { entity = "customers", key = "employees", label = "Employees", type = "number" });

        var started = await StartAsync(admin, "entity=customers&mode=insert", Csv(Dataset("crm-sales-accounts.csv")));
        started.GetProperty("columns").EnumerateArray().ToDictionary(c => c.GetProperty("column").GetString()!, c => c.GetProperty("field").GetString())
            .ShouldBe(new Dictionary<string, string?>
            {
                ["account"] = "name", ["sector"] = "customFields.sector", ["year_established"] = null, ["revenue"] = "customFields.revenue",
                ["employees"] = "customFields.employees", ["office_location"] = null, ["subsidiary_of"] = null,
            }, ignoreOrder: true);
        var job = await ImportJobs.FinishedAsync(admin, started);
        ShouldCount(job, inserted: 85, updated: 0, unchanged: 0, duplicates: 0, rejected: 0);
        await OnlyRejectedRowsShouldStayStaged(job);

        var acme = (await (await admin.GetAsync("/api/v1/customers?q=Acme+Corporation")).JsonBody()).GetProperty("items")[0];
        // The merge feeds the search word list too: a misspelt name finds the imported record.
        (await (await admin.GetAsync("/api/v1/customers?q=acme+corporatoin")).JsonBody()).GetProperty("items")[0].GetProperty("id").GetString().ShouldBe(acme.GetProperty("id").GetString());
        acme.GetProperty("kind").GetString().ShouldBe("company");
        acme.GetProperty("customFields").GetProperty("sector").GetString().ShouldBe("technolgy");
        acme.GetProperty("customFields").GetProperty("revenue").GetDecimal().ShouldBe(1100.04m);
        acme.GetProperty("customFields").GetProperty("employees").GetDecimal().ShouldBe(2822m);
        (await (await admin.GetAsync("/api/v1/customers?customField=sector:medical&includeTotal=true&limit=1")).JsonBody()).GetProperty("total").GetInt64().ShouldBeGreaterThan(0);

        // Every record written has its audit row naming the job.
        var audit = await (await admin.GetAsync($"/api/v1/audit?entityType=customer&entityId={acme.GetProperty("id").GetString()}")).JsonBody();
        audit.GetProperty("items")[0].GetProperty("changes").GetProperty("import").GetProperty("after").GetString().ShouldBe(job.GetProperty("id").GetString());

        // Insert mode refuses what already exists.
        var again = await ImportJobs.FinishedAsync(admin, await StartAsync(admin, "entity=customers&mode=insert&matchOn=externalId", Csv(Dataset("crm-sales-accounts.csv"))));
        ShouldCount(again, inserted: 85, updated: 0, unchanged: 0, duplicates: 0, rejected: 0); // names are not unique keys: no email or external id in this file
        MergeSteps(again).ShouldContain("INSERT INTO customer_search (prepared)"); // every staged row went in: no semi-join
        await PostingsShouldFollowEverySearchText(admin);
    }

    [Fact]
    public async Task WhileAJobMergesItShowsTheStepItIsAt()
    {
        using var admin = await Factory.AdminClientAsync();
        // Two locks hold the merge where its inserts into the word list (indexing) and the audit trail (auditing) wait.
        await using var words = await LockAsync("search_words");
        await using var audit = await LockAsync("audit_entries");

        var started = await StartAsync(admin, "entity=customers&mode=insert", Csv(Dataset("crm-sales-accounts.csv")));
        var atIndexing = await StepAsync(admin, started, "indexing");
        atIndexing.GetProperty("phase").GetString().ShouldBe("merging");
        atIndexing.GetProperty("status").GetString().ShouldBe("running");
        (await (await admin.GetAsync("/api/v1/customers?includeTotal=true&limit=1")).JsonBody()).GetProperty("total").GetInt64().ShouldBe(0); // one transaction

        await ReleaseAsync(words);
        var atAuditing = await StepAsync(admin, started, "auditing");
        await ReleaseAsync(audit);
        var job = await ImportJobs.FinishedAsync(admin, started);
        ShouldCount(job, inserted: 85, updated: 0, unchanged: 0, duplicates: 0, rejected: 0);
        job.GetProperty("step").ValueKind.ShouldBe(JsonValueKind.Null);
        // Finished when the merge's transaction ended, not when it began.
        job.GetProperty("finishedAt").GetDateTimeOffset().ShouldBeGreaterThanOrEqualTo(atAuditing.GetProperty("updatedAt").GetDateTimeOffset());
        job.GetProperty("updatedAt").GetDateTimeOffset().ShouldBeGreaterThanOrEqualTo(atAuditing.GetProperty("updatedAt").GetDateTimeOffset());
    }

    /// <summary>A connection whose open transaction holds <paramref name="table"/>: nobody else writes it until <see cref="ReleaseAsync"/>.</summary>
    private async Task<NpgsqlConnection> LockAsync(string table)
    {
        var db = new NpgsqlConnection(Factory.ConnectionString);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand($"BEGIN; LOCK TABLE {table} IN SHARE MODE", db);
        await command.ExecuteNonQueryAsync();
        return db;
    }

    private static async Task ReleaseAsync(NpgsqlConnection db)
    {
        await using var command = new NpgsqlCommand("ROLLBACK", db);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<JsonElement> StepAsync(HttpClient client, JsonElement started, string step)
    {
        var id = started.GetProperty("id").GetString();
        JsonElement job = default;
        for (var i = 0; i < 600; i++)
        {
            job = await (await client.GetAsync($"/api/v1/imports/{id}")).ShouldBe(HttpStatusCode.OK);
            if (job.GetProperty("step").GetString() == step)
            {
                return job;
            }

            await Task.Delay(100);
        }

        throw new ShouldAssertException($"Import {id} never showed step {step}; last: {job}");
    }

    [Fact]
    public async Task SupportTicketCustomersAreUpsertedOnEmailAndASecondRunChangesNothing()
    {
        using var admin = await Factory.AdminClientAsync();
        var mapping = Uri.EscapeDataString("""{"Customer Name":"name","Customer Email":"email"}""");
        var query = $"entity=customers&matchOn=email&mode=upsert&mapping={mapping}&defaults={Uri.EscapeDataString("""{"kind":"person"}""")}";

        var first = await ImportJobs.FinishedAsync(admin, await StartAsync(admin, query, Csv(Dataset("customer-support-tickets.csv"))));
        first.GetProperty("total").GetInt64().ShouldBe(8469);
        ShouldCount(first, inserted: 8320, updated: 0, unchanged: 0, duplicates: 149, rejected: 0);
        // The postings and words were split beside the merge, for every staged row; the 149 duplicates' postings were left out (checked below).
        MergeSteps(first).ShouldContain("INSERT INTO customer_search (prepared, less the rows turned away)");
        MergeSteps(first).ShouldContain("INSERT INTO search_words (prepared)");
        MergeProblems(first).ShouldBeEmpty(); // no warning from the split beside the merge or its VACUUM (SetMerge.PrepareAsync, SetHintBitsAsync)
        MergeSteps(first).ShouldNotContain(s => s.Contains("cancelled"));
        (await (await admin.GetAsync("/api/v1/customers?includeTotal=true&limit=1&kind=person")).JsonBody()).GetProperty("total").GetInt64().ShouldBe(8320);

        var second = await ImportJobs.FinishedAsync(admin, await StartAsync(admin, query, Csv(Dataset("customer-support-tickets.csv"))));
        ShouldCount(second, inserted: 0, updated: 0, unchanged: 8320, duplicates: 149, rejected: 0);
        (await (await admin.GetAsync("/api/v1/customers?includeTotal=true&limit=1")).JsonBody()).GetProperty("total").GetInt64().ShouldBe(8320);
        await PostingsShouldFollowEverySearchText(admin);
    }

    [Fact]
    public async Task WithoutASecondConnectionTheMergeSplitsThePostingsItself()
    {
        var configuration = Factory.Services.GetRequiredService<IConfiguration>();
        configuration["Imports:SecondConnection"] = "false";
        try
        {
            using var admin = await Factory.AdminClientAsync();
            var mapping = Uri.EscapeDataString("""{"Customer Name":"name","Customer Email":"email"}""");
            var job = await ImportJobs.FinishedAsync(admin, await StartAsync(admin, $"entity=customers&matchOn=email&mapping={mapping}", Csv(Dataset("customer-support-tickets.csv"))));
            ShouldCount(job, inserted: 8320, updated: 0, unchanged: 0, duplicates: 149, rejected: 0);
            MergeSteps(job).ShouldContain("postings of the inserted rows");
            MergeSteps(job).ShouldContain("INSERT INTO search_words");
            MergeSteps(job).ShouldNotContain("INSERT INTO customer_search (prepared)");
            await PostingsShouldFollowEverySearchText(admin);
        }
        finally
        {
            configuration["Imports:SecondConnection"] = "true";
        }
    }

    [Fact]
    public async Task TablesLeftBehindByAMergeThatDiedAreDroppedOnceTheirJobIsOver()
    {
        var job = Guid.NewGuid(); // no such job: over
        await Factory.ScalarAsync<int>($"CREATE UNLOGGED TABLE import_postings_{job:N} (word text, name text, id uuid); CREATE UNLOGGED TABLE import_words_{job:N} (w text); SELECT 1");
        var left = 2L;
        for (var i = 0; i < 100 && left > 0; i++)
        {
            await Task.Delay(100);
            left = await Factory.ScalarAsync<long>("SELECT count(*) FROM pg_class WHERE relname LIKE '%' || @p0", job.ToString("N"));
        }

        left.ShouldBe(0);
    }

    [Fact]
    public async Task ASemicolonFileWithABomAndLocalHeadersIsDetectedAndRejectedRowsComeBackAsCsv()
    {
        using var admin = await Factory.AdminClientAsync();
        await admin.PostAsJsonAsync("/api/v1/custom-fields", new { entity = "customers", key = "segment", label = "Segmento", type = "choice", options = new[] { "PME", "Grande" } });
        var csv = """
            Nome;E-mail;Telefone;Cidade;País;Segmento;Notas
            Construções São João;geral@saojoao.pt;21 123 4567;Lisboa;PT;pme;"linha um
            linha dois"
            ;sem-nome@x.pt;;Porto;PT;;
            Zakład Łódzki;not-an-email;;Łódź;PL;Grande;
            Fábrica;fabrica@x.pt;;Braga;PT;média;
            =HYPERLINK("http://evil");evil@x.pt;;;;;
            Ελληνικά Α.Ε.;info@ellinika.gr;+30 21 0123 4567;Αθήνα;GR;Grande;
            """.Replace("\r\n", "\n", StringComparison.Ordinal);
        var started = await StartAsync(admin, "entity=customers", Csv(csv, bom: true));
        var fields = started.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("field").GetString()).ToArray();
        fields.ShouldBe(["name", "email", "phone", "address.city", "address.country", "customFields.segment", null]);
        var job = await ImportJobs.FinishedAsync(admin, started);
        ShouldCount(job, inserted: 3, updated: 0, unchanged: 0, duplicates: 0, rejected: 3);
        await OnlyRejectedRowsShouldStayStaged(job);

        var saoJoao = (await (await admin.GetAsync("/api/v1/customers?q=sao+joao")).JsonBody()).GetProperty("items")[0];
        saoJoao.GetProperty("phone").GetString().ShouldBe("+351211234567");
        saoJoao.GetProperty("customFields").GetProperty("segment").GetString().ShouldBe("PME");

        var response = await admin.GetAsync($"/api/v1/imports/{job.GetProperty("id").GetString()}/errors");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldStartWith("line,error,Nome,E-mail,Telefone,Cidade,País,Segmento,Notas");
        lines.Length.ShouldBe(4);
        lines[1].ShouldStartWith("4,name: A name is required.");
        lines[2].ShouldStartWith("5,email: Not a valid email address.");
        lines[3].ShouldStartWith("6,\"customFields.segment: Not one of the options: PME, Grande.\",Fábrica,");
        // The formula row was accepted as data (a name may start with =), and exports neutralise it.
        var exported = await (await admin.GetAsync("/api/v1/exports/customers?q=hyperlink")).Content.ReadAsStringAsync();
        exported.ShouldContain("'=HYPERLINK");
    }

    [Fact]
    public async Task ADryRunCountsAndChangesNothingAndUpsertsTouchOnlyMappedColumns()
    {
        using var admin = await Factory.AdminClientAsync();
        var existing = await (await admin.PostAsJsonAsync("/api/v1/customers", new { name = "Old name", email = "a@x.pt", phone = "+351211234567", tags = new[] { "vip" } })).JsonBody();
        var archived = await (await admin.PostAsJsonAsync("/api/v1/customers", new { name = "Archived", email = "b@x.pt" })).JsonBody();
        await admin.DeleteAsync($"/api/v1/customers/{archived.GetProperty("id").GetString()}");
        const string File = "email,name\na@x.pt,New name\nb@x.pt,Back\nc@x.pt,Brand new\n";

        var dry = await ImportJobs.FinishedAsync(admin, await StartAsync(admin, "entity=customers&dryRun=true", Csv(File, bom: false)));
        dry.GetProperty("dryRun").GetBoolean().ShouldBeTrue();
        ShouldCount(dry, inserted: 1, updated: 1, unchanged: 0, duplicates: 0, rejected: 1);
        await OnlyRejectedRowsShouldStayStaged(dry);
        (await (await admin.GetAsync("/api/v1/customers?includeTotal=true")).JsonBody()).GetProperty("total").GetInt64().ShouldBe(1);

        var real = await ImportJobs.FinishedAsync(admin, await StartAsync(admin, "entity=customers", Csv(File, bom: false)));
        ShouldCount(real, inserted: 1, updated: 1, unchanged: 0, duplicates: 0, rejected: 1);
        await OnlyRejectedRowsShouldStayStaged(real);
        var updated = await (await admin.GetAsync($"/api/v1/customers/{existing.GetProperty("id").GetString()}")).JsonBody();
        updated.GetProperty("name").GetString().ShouldBe("New name");
        updated.GetProperty("phone").GetString().ShouldBe("+351211234567"); // not in the file: kept
        updated.GetProperty("tags")[0].GetString().ShouldBe("vip");
        (await (await admin.GetAsync("/api/v1/customers?q=new+name")).JsonBody()).GetProperty("items").GetArrayLength().ShouldBe(1); // search text refreshed
        await PostingsShouldFollowEverySearchText(admin);
    }

    [Fact]
    public async Task AJsonArrayImportsAndContactsLinkToTheirCustomerByExternalId()
    {
        using var admin = await Factory.AdminClientAsync();
        var customers = JsonContent.Create(new object[]
        {
            new { name = "Tecnologia Catalana SL", externalId = "ERP-1", tags = new[] { "es", "tech" } },
            new { name = "Spółka Testowa", externalId = "ERP-2", type = "prospect" },
        });
        var job = await ImportJobs.FinishedAsync(admin, await StartAsync(admin, "entity=customers&matchOn=externalId", customers));
        ShouldCount(job, inserted: 2, updated: 0, unchanged: 0, duplicates: 0, rejected: 0);

        var contacts = "Company external id;First name;Last name;Email;Consent\nERP-1;Jordi;Puig;jordi@tc.cat;sí\nERP-2;Anna;Nowak;anna@st.pl;nie\nERP-9;Nobody;X;nobody@x.pl;no\n";
        var contactJob = await ImportJobs.FinishedAsync(admin, await StartAsync(admin, "entity=contacts&matchOn=email", Csv(contacts, bom: false)));
        ShouldCount(contactJob, inserted: 2, updated: 0, unchanged: 0, duplicates: 0, rejected: 1);
        var erp1 = (await (await admin.GetAsync("/api/v1/customers?q=tecnologia")).JsonBody()).GetProperty("items")[0];
        erp1.GetProperty("tags").EnumerateArray().Select(t => t.GetString()).ShouldBe(["es", "tech"]);
        var jordi = (await (await admin.GetAsync($"/api/v1/customers/{erp1.GetProperty("id").GetString()}/contacts")).JsonBody()).GetProperty("items")[0];
        jordi.GetProperty("firstName").GetString().ShouldBe("Jordi");
        jordi.GetProperty("emailConsent").GetBoolean().ShouldBeTrue();
    }

    [Theory]
    [InlineData("entity=deals", "name\nx\n", "entity")]
    [InlineData("entity=customers&mode=merge", "name\nx\n", "mode")]
    [InlineData("entity=customers&matchOn=phone", "name\nx\n", "matchOn")]
    [InlineData("entity=customers", "city\nLisboa\n", "mapping")]
    [InlineData("entity=customers&mapping=%7B%22Nome%22%3A%22colour%22%7D", "Nome\nx\n", "mapping.Nome")]
    [InlineData("entity=customers&mapping=%7B%22Missing%22%3A%22name%22%7D", "Nome\nx\n", "mapping.Missing")]
    [InlineData("entity=customers&mapping=not-json", "name\nx\n", "mapping")]
    [InlineData("entity=customers", "", "file")]
    [InlineData("entity=customers&delimiter=pipe", "name\nx\n", "delimiter")]
    [InlineData("entity=customers&defaults=%7B%22colour%22%3A%22red%22%7D", "name\nx\n", "defaults.colour")]
    [InlineData("entity=customers&mode=7", "name\nx\n", "mode")] // Enum.TryParse takes numbers: it went through and broke the job list
    [InlineData("entity=customers&mode=1", "name\nx\n", "mode")]
    [InlineData("entity=customers&defaults=%7B%22kind%22%3A%22person%22%2C%22kind%22%3A%22company%22%7D", "name\nx\n", "defaults")]
    [InlineData("entity=customers&defaults=%5B%5D", "name\nx\n", "defaults")]
    [InlineData("entity=customers&mapping=%7B%22Nome%22%3A%22name%22%2C%22Nome%22%3A%22email%22%7D", "Nome\nx\n", "mapping")]
    [InlineData("entity=customers&mapping=%7B%22Nome%22%3A5%7D", "Nome\nx\n", "mapping")]
    [InlineData("entity=customers", "Email,Name,Email\na@x.pt,A,b@x.pt\n", "file")]
    [InlineData("entity=customers", "Name,Email,City\nGood One,u1@x.com,Porto\n\"Broken Quote,u2@x.com,Porto\nGood Two,u3@x.com,Porto\n", "file")]
    public async Task ABadRequestIs400NamingTheFieldAndStagesNothing(string query, string csv, string field)
    {
        using var admin = await Factory.AdminClientAsync();
        await (await admin.PostAsync($"/api/v1/imports?{query}", Csv(csv, bom: false))).ShouldBeValidationProblem(field);
        (await (await admin.GetAsync("/api/v1/customers?includeTotal=true")).JsonBody()).GetProperty("total").GetInt64().ShouldBe(0);
        // A refusal found while staging leaves a failed job saying why; none is queued, and the list still reads.
        var jobs = await (await admin.GetAsync("/api/v1/imports")).ShouldBe(HttpStatusCode.OK);
        jobs.GetProperty("items").EnumerateArray().ShouldAllBe(j => j.GetProperty("status").GetString() == "failed");
        (await Factory.ScalarAsync<long>("SELECT count(*) FROM import_customer_rows")).ShouldBe(0);
    }

    [Fact]
    public async Task ImportsNeedTheImportsScopeAndAWriterRole()
    {
        using var readOnly = await Factory.ClientWithRoleAsync("ReadOnly");
        await (await readOnly.PostAsync("/api/v1/imports?entity=customers", Csv("name\nx\n", bom: false))).ShouldBeProblem(HttpStatusCode.Forbidden);

        using var admin = await Factory.AdminClientAsync();
        var token = await (await admin.PostAsJsonAsync("/api/v1/api-tokens", new { name = "read only", scopes = new[] { "customers:read", "customers:write" } })).JsonBody();
        using var script = Factory.CreateClient();
        script.Bearer(token.GetProperty("secret").GetString()!);
        await (await script.PostAsync("/api/v1/imports?entity=customers", Csv("name\nx\n", bom: false))).ShouldBeProblem(HttpStatusCode.Forbidden);

        var importer = await (await admin.PostAsJsonAsync("/api/v1/api-tokens", new { name = "importer", scopes = new[] { "imports:write" } })).JsonBody();
        script.Bearer(importer.GetProperty("secret").GetString()!);
        var job = await ImportJobs.FinishedAsync(script, await StartAsync(script, "entity=customers&mode=insert", Csv("name\nVia token\n", bom: false)));
        ShouldCount(job, inserted: 1, updated: 0, unchanged: 0, duplicates: 0, rejected: 0);
    }

    [Fact]
    public async Task UploadsGoodAndBrokenLeaveNoLockBehindOnThePooledConnections()
    {
        using var admin = await Factory.AdminClientAsync();
        ShouldCount(await ImportJobs.FinishedAsync(admin, await StartAsync(admin, "entity=customers&mode=insert", Csv("name\nKept\n", bom: false))),
            inserted: 1, updated: 0, unchanged: 0, duplicates: 0, rejected: 0);
        // Broken UTF-8 after 5,000 good rows: found while staging, when the upload holds its advisory lock.
        var rows = string.Concat(Enumerable.Range(0, 5000).Select(i => $"Row {i}\n"));
        var broken = new ByteArrayContent([.. Encoding.UTF8.GetBytes("name\n" + rows), 0xC3, 0x28, (byte)'\n']);
        broken.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        var problem = await (await admin.PostAsync("/api/v1/imports?entity=customers&mode=insert", broken)).ShouldBeValidationProblem("file");
        problem.GetProperty("errors").GetProperty("file")[0].GetString()!.ShouldStartWith("The file is not UTF-8 text: line 5002 has bytes that are not UTF-8.");

        // Connections go back to the pool without a reset (DependencyInjection): a lock left on one would stay held.
        await using var db = new NpgsqlConnection(Factory.ConnectionString);
        await db.OpenAsync();
        await using var locks = new NpgsqlCommand("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'", db);
        ((long)(await locks.ExecuteScalarAsync())!).ShouldBe(0);
        (await (await admin.GetAsync("/api/v1/customers?includeTotal=true")).JsonBody()).GetProperty("total").GetInt64().ShouldBe(1);
    }

    [Fact]
    public async Task AJobInterruptedByARestartIsFailedCleanlyNeverHalfApplied()
    {
        using var admin = await Factory.AdminClientAsync();
        var me = (await (await admin.GetAsync("/api/v1/me")).JsonBody()).GetProperty("id").GetGuid();
        var uploading = Guid.CreateVersion7();
        var lost = Guid.CreateVersion7();
        await using (var db = new NpgsqlConnection(Factory.ConnectionString))
        {
            await db.OpenAsync();
            // An upload whose process died (no one holds its lock), and a staged job whose rows a database crash emptied.
            await using var insert = new NpgsqlCommand("""
                INSERT INTO import_jobs (id, entity, mode, match_on, dry_run, status, phase, columns, defaults, total, processed, inserted, updated, unchanged, duplicates, rejected, created_by_id, created_at, updated_at)
                VALUES (@a, 'customers', 'Upsert', 'email', false, 'Running', 'receiving', '[]', '{}', 10, 10, 0, 0, 0, 0, 0, @me, now(), now() - interval '1 minute'),
                       (@b, 'customers', 'Upsert', 'email', false, 'Queued', 'staged', '[{"column":"name","field":"name"}]', '{}', 5, 5, 0, 0, 0, 0, 0, @me, now(), now())
                """, db);
            insert.Parameters.AddWithValue("a", uploading);
            insert.Parameters.AddWithValue("b", lost);
            insert.Parameters.AddWithValue("me", me);
            await insert.ExecuteNonQueryAsync();
        }

        var interrupted = await ImportJobs.FinishedAsync(admin, JsonSerializer.SerializeToElement(new { id = uploading }));
        interrupted.GetProperty("status").GetString().ShouldBe("failed");
        interrupted.GetProperty("error").GetString()!.ShouldContain("interrupted");
        var emptied = await ImportJobs.FinishedAsync(admin, JsonSerializer.SerializeToElement(new { id = lost }));
        emptied.GetProperty("status").GetString().ShouldBe("failed");
        emptied.GetProperty("error").GetString()!.ShouldContain("nothing was imported");
        (await (await admin.GetAsync("/api/v1/customers?includeTotal=true")).JsonBody()).GetProperty("total").GetInt64().ShouldBe(0);
    }

    [Fact]
    public async Task AMultipartUploadCarriesItsMappingAndFileName()
    {
        using var admin = await Factory.AdminClientAsync();
        using var form = new MultipartFormDataContent
        {
            { new StringContent("""{"Razão social":"name","Correio":"email","Ignorar":null}"""), "mapping" },
            { new StringContent("""{"type":"customer"}"""), "defaults" },
            { Csv("Razão social,Correio,Ignorar\nConstruções Norte,norte@x.pt,x\n", bom: true), "file", "clientes.csv" },
        };
        var started = await (await admin.PostAsync("/api/v1/imports?entity=customers", form)).ShouldBe(HttpStatusCode.Accepted);
        started.GetProperty("fileName").GetString().ShouldBe("clientes.csv");
        started.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("field").GetString()).ShouldBe(["name", "email", null]);
        ShouldCount(await ImportJobs.FinishedAsync(admin, started), inserted: 1, updated: 0, unchanged: 0, duplicates: 0, rejected: 0);
        var customer = (await (await admin.GetAsync("/api/v1/customers?q=norte")).JsonBody()).GetProperty("items")[0];
        customer.GetProperty("type").GetString().ShouldBe("customer");

        using var noFile = new MultipartFormDataContent { { new StringContent("{}"), "mapping" } };
        await (await admin.PostAsync("/api/v1/imports?entity=customers", noFile)).ShouldBeValidationProblem("file");
    }

    /// <summary>
    /// The rejected rows are the rows as sent, personal data like an export's (and an Admin may download anyone's): each
    /// download is an export in the audit log. A HEAD, an unknown job and a refusal write none.
    /// </summary>
    [Fact]
    public async Task ADownloadOfAnImportsRejectedRowsIsAnExportInTheAuditLog()
    {
        using var admin = await Factory.AdminClientAsync();
        var job = await ImportJobs.FinishedAsync(admin, await StartAsync(admin, "entity=customers", Csv("name,email\nŁódź Lda,not-an-email\nPorto Lda,porto@x.pt\n", bom: false)));
        var id = job.GetProperty("id").GetString();
        ShouldCount(job, inserted: 1, updated: 0, unchanged: 0, duplicates: 0, rejected: 1);
        async Task<JsonElement[]> ExportEntriesAsync() =>
            [.. (await (await admin.GetAsync("/api/v1/audit?entityType=export")).ShouldBe(HttpStatusCode.OK)).GetProperty("items").EnumerateArray()];

        using (var head = new HttpRequestMessage(HttpMethod.Head, $"/api/v1/imports/{id}/errors"))
        {
            var answer = await admin.SendAsync(head);
            answer.StatusCode.ShouldBe(HttpStatusCode.OK);
            answer.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        }

        (await admin.GetAsync($"/api/v1/imports/{Guid.NewGuid()}/errors")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await ExportEntriesAsync()).ShouldBeEmpty();

        (await ErrorLinesAsync(admin, job)).Length.ShouldBe(2);
        var entry = (await ExportEntriesAsync()).ShouldHaveSingleItem();
        entry.GetProperty("action").GetString().ShouldBe("exported");
        entry.GetProperty("actorName").GetString().ShouldBe("Administrator");
        entry.GetProperty("traceId").ValueKind.ShouldBe(JsonValueKind.String);
        var changes = entry.GetProperty("changes");
        changes.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToArray().ShouldBe(["channel", "entity", "format", "importId", "of"]);
        changes.GetProperty("entity").GetProperty("after").GetString().ShouldBe("importRejectedRows");
        changes.GetProperty("importId").GetProperty("after").GetString().ShouldBe(id);
        changes.GetProperty("of").GetProperty("after").GetString().ShouldBe("customers");
        changes.GetProperty("format").GetProperty("after").GetString().ShouldBe("csv");
        changes.GetProperty("channel").GetProperty("after").GetString().ShouldBe("direct");
    }

    private static async Task<long> CustomerCountAsync(HttpClient client) =>
        (await (await client.GetAsync("/api/v1/customers?includeTotal=true&limit=1")).JsonBody()).GetProperty("total").GetInt64();

    /// <summary>GET /imports/{id}/errors, split into lines (header first).</summary>
    private static async Task<string[]> ErrorLinesAsync(HttpClient client, JsonElement job)
    {
        var response = await client.GetAsync($"/api/v1/imports/{job.GetProperty("id").GetString()}/errors");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
    }

    private static async Task<JsonElement> LatestJobAsync(HttpClient client) =>
        (await (await client.GetAsync("/api/v1/imports")).ShouldBe(HttpStatusCode.OK)).GetProperty("items")[0];

    private static string?[] Fields(JsonElement started) =>
        [.. started.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("field").GetString())];

    [Fact]
    public async Task AQuotedCellThatIsNeverClosedFailsTheUploadAtItsLineWhileStrayQuotesStayData()
    {
        using var admin = await Factory.AdminClientAsync();
        const string Broken = "Name,Email,City\nGood One,u1@x.com,Porto\n\"Broken Quote,u2@x.com,Porto\nGood Two,u3@x.com,Porto\n";
        var problem = await (await admin.PostAsync("/api/v1/imports?entity=customers&mode=insert", Csv(Broken, bom: false))).ShouldBeValidationProblem("file");
        problem.GetProperty("errors").GetProperty("file")[0].GetString().ShouldBe("Line 3 opens a quoted cell that is never closed; nothing was imported.");
        var failed = await LatestJobAsync(admin);
        failed.GetProperty("status").GetString().ShouldBe("failed");
        failed.GetProperty("error").GetString()!.ShouldContain("Line 3 opens a quoted cell that is never closed");
        (await CustomerCountAsync(admin)).ShouldBe(0);

        // A quote inside an unquoted cell, or text after a closing quote, is read as data, as it always was.
        var job = await ImportJobs.FinishedAsync(admin, await StartAsync(admin, "entity=customers&mode=insert", Csv("Name,City\nMonitor 27\" Ltd,Porto\n\"Quoted\" Co,Braga\n", bom: false)));
        ShouldCount(job, inserted: 2, updated: 0, unchanged: 0, duplicates: 0, rejected: 0);
        (await (await admin.GetAsync("/api/v1/customers?q=monitor")).JsonBody()).GetProperty("items")[0].GetProperty("name").GetString().ShouldBe("Monitor 27\" Ltd");
        (await (await admin.GetAsync("/api/v1/customers?q=quoted")).JsonBody()).GetProperty("items")[0].GetProperty("name").GetString().ShouldBe("Quoted Co");
    }

    [Fact]
    public async Task ARowWithMoreCellsThanTheHeaderIsRejectedAndComesBackAsSentAndAShortRowReadsAsEmptyCells()
    {
        using var admin = await Factory.AdminClientAsync();
        await (await admin.PostAsJsonAsync("/api/v1/customers", new { name = "Short Ltd", email = "short@x.pt", address = new { city = "Faro" } })).ShouldBe(HttpStatusCode.Created);
        // An unquoted comma in a name used to cut it ("Acme"). A short row's missing cells are empty cells, as when the
        // file writes their delimiters: here the city is cleared, as ",short@x.pt," would clear it.
        const string File = "Name,Email,City\nAcme, Inc,acme@x.pt,Porto\nShort Ltd,short@x.pt\nTrailing,t@x.pt,Braga,,\nGood,g@x.pt,Lisboa\n";
        var job = await ImportJobs.FinishedAsync(admin, await StartAsync(admin, "entity=customers", Csv(File, bom: false)));
        ShouldCount(job, inserted: 2, updated: 1, unchanged: 0, duplicates: 0, rejected: 1);
        var shortLtd = (await (await admin.GetAsync("/api/v1/customers?q=short")).JsonBody()).GetProperty("items")[0];
        var city = shortLtd.TryGetProperty("address", out var address) && address.ValueKind == JsonValueKind.Object && address.TryGetProperty("city", out var c) ? c.GetString() : null;
        city.ShouldBeNull();
        (await (await admin.GetAsync("/api/v1/customers?q=acme")).JsonBody()).GetProperty("items").GetArrayLength().ShouldBe(0);
        (await (await admin.GetAsync("/api/v1/customers?q=trailing")).JsonBody()).GetProperty("items")[0].GetProperty("address").GetProperty("city").GetString().ShouldBe("Braga");

        var lines = await ErrorLinesAsync(admin, job);
        lines.Length.ShouldBe(2);
        lines[1].ShouldBe("2,The row has 4 cells; the header has 3.,Acme,\" Inc\",acme@x.pt,Porto"); // every cell, as sent
    }

    [Fact]
    public async Task RejectedRowsGiveTheirLineInTheFileAfterBlankLinesAndMultiLineCells()
    {
        using var admin = await Factory.AdminClientAsync();
        const string File = "Name,Email\nA1,bl1@x.com\n\n\nBad,not-an-email\n\"Multi\nline\",ml@x.com\n\nBad2,also-bad\nA2,a2@x.com\n";
        var job = await ImportJobs.FinishedAsync(admin, await StartAsync(admin, "entity=customers&mode=insert", Csv(File, bom: false)));
        ShouldCount(job, inserted: 3, updated: 0, unchanged: 0, duplicates: 0, rejected: 2);
        var lines = await ErrorLinesAsync(admin, job);
        lines[1].ShouldStartWith("5,email: ");
        lines[2].ShouldStartWith("9,email: ");
    }

    [Fact]
    public async Task AnEmptyJsonArrayImportsNothingAndOtherShapesAreRefusedInPlainWords()
    {
        using var admin = await Factory.AdminClientAsync();
        var empty = await ImportJobs.FinishedAsync(admin, await StartAsync(admin, "entity=customers", Http.Json("[]")));
        ShouldCount(empty, inserted: 0, updated: 0, unchanged: 0, duplicates: 0, rejected: 0);
        empty.GetProperty("total").GetInt64().ShouldBe(0);

        var noColumns = await (await admin.PostAsync("/api/v1/imports?entity=customers", Http.Json("[{}]"))).ShouldBeValidationProblem("mapping");
        noColumns.GetProperty("errors").GetProperty("mapping")[0].GetString()!.ShouldContain("The file has no columns.");
        var anObject = await (await admin.PostAsync("/api/v1/imports?entity=customers", Http.Json("""{"name":"Acme"}"""))).ShouldBeValidationProblem("file");
        anObject.GetProperty("errors").GetProperty("file")[0].GetString().ShouldBe("Send a JSON array of objects.");
        (await CustomerCountAsync(admin)).ShouldBe(0);
    }

    [Fact]
    public async Task AnExplicitMappingWinsOverAColumnMatchedByItsHeader()
    {
        using var admin = await Factory.AdminClientAsync();
        var mapping = Uri.EscapeDataString("""{"Work mail":"email"}""");
        var started = await StartAsync(admin, $"entity=customers&mode=insert&mapping={mapping}", Csv("Name,Email,Work mail\nAcme,old@x.pt,work@x.pt\n", bom: false));
        Fields(started).ShouldBe(["name", null, "email"]);
        ShouldCount(await ImportJobs.FinishedAsync(admin, started), inserted: 1, updated: 0, unchanged: 0, duplicates: 0, rejected: 0);
        (await (await admin.GetAsync("/api/v1/customers?q=acme")).JsonBody()).GetProperty("items")[0].GetProperty("email").GetString().ShouldBe("work@x.pt");
    }

    [Fact]
    public async Task ACsvExportReImportsCustomFieldsKeyedLikeASynonym()
    {
        using var admin = await Factory.AdminClientAsync();
        await (await admin.PostAsJsonAsync("/api/v1/custom-fields", new { entity = "customers", key = "stage", label = "Pipeline stage", type = "text" })).ShouldBe(HttpStatusCode.Created);
        await (await admin.PostAsJsonAsync("/api/v1/custom-fields", new { entity = "customers", key = "company", label = "Parent company", type = "text" })).ShouldBe(HttpStatusCode.Created);
        await (await admin.PostAsJsonAsync("/api/v1/custom-fields", new { entity = "contacts", key = "title", label = "Honorific", type = "text" })).ShouldBe(HttpStatusCode.Created);
        var acme = await (await admin.PostAsJsonAsync("/api/v1/customers", new
        {
            name = "Acme", email = "acme@x.pt", lifecycleStage = "lead", customFields = new { stage = "Negotiation", company = "Acme Holdings" },
        })).ShouldBe(HttpStatusCode.Created);
        await (await admin.PostAsJsonAsync("/api/v1/contacts", new
        {
            customerId = acme.GetProperty("id").GetString(), firstName = "Ana", email = "ana@x.pt", jobTitle = "CTO", customFields = new { title = "Dr." },
        })).ShouldBe(HttpStatusCode.Created);

        // The exports, re-imported as new records (other emails): every value comes back.
        var customers = (await admin.GetStringAsync("/api/v1/exports/customers")).Replace("acme@x.pt", "acme2@x.pt", StringComparison.Ordinal);
        var started = await StartAsync(admin, "entity=customers&mode=insert", Csv(customers, bom: false));
        var bound = started.GetProperty("columns").EnumerateArray().ToDictionary(c => c.GetProperty("column").GetString()!, c => c.GetProperty("field").GetString());
        (bound["stage"], bound["company"], bound["lifecycleStage"], bound["name"]).ShouldBe(("customFields.stage", "customFields.company", "lifecycleStage", "name"));
        ShouldCount(await ImportJobs.FinishedAsync(admin, started), inserted: 1, updated: 0, unchanged: 0, duplicates: 0, rejected: 0);
        var copy = (await (await admin.GetAsync("/api/v1/customers?q=acme2")).JsonBody()).GetProperty("items")[0];
        copy.GetProperty("lifecycleStage").GetString().ShouldBe("lead");
        copy.GetProperty("customFields").GetProperty("stage").GetString().ShouldBe("Negotiation");
        copy.GetProperty("customFields").GetProperty("company").GetString().ShouldBe("Acme Holdings");

        var contacts = (await admin.GetStringAsync("/api/v1/exports/contacts")).Replace("ana@x.pt", "ana2@x.pt", StringComparison.Ordinal);
        var contactJob = await StartAsync(admin, "entity=contacts&mode=insert", Csv(contacts, bom: false));
        contactJob.GetProperty("columns").EnumerateArray().Single(c => c.GetProperty("column").GetString() == "title").GetProperty("field").GetString().ShouldBe("customFields.title");
        ShouldCount(await ImportJobs.FinishedAsync(admin, contactJob), inserted: 1, updated: 0, unchanged: 0, duplicates: 0, rejected: 0);
        var ana = (await (await admin.GetAsync("/api/v1/contacts?q=ana2")).JsonBody()).GetProperty("items")[0];
        ana.GetProperty("jobTitle").GetString().ShouldBe("CTO");
        ana.GetProperty("customFields").GetProperty("title").GetString().ShouldBe("Dr.");
    }

    [Fact]
    public async Task AJsonExportReImportsItsAddressAndCustomFields()
    {
        using var admin = await Factory.AdminClientAsync();
        await (await admin.PostAsJsonAsync("/api/v1/custom-fields", new { entity = "customers", key = "sector", label = "Sector", type = "text" })).ShouldBe(HttpStatusCode.Created);
        // Exported first, with "address": null: that must not take address.line1 from the next one's address.line1.
        await (await admin.PostAsJsonAsync("/api/v1/customers", new { name = "No Address", email = "na@x.pt" })).ShouldBe(HttpStatusCode.Created);
        await (await admin.PostAsJsonAsync("/api/v1/customers", new
        {
            name = "Lisbon Co", email = "lc@x.pt", address = new { line1 = "Rua A 1", city = "Lisboa", postalCode = "1000-001", country = "PT" }, customFields = new { sector = "Retail" },
        })).ShouldBe(HttpStatusCode.Created);

        var json = (await admin.GetStringAsync("/api/v1/exports/customers?format=json"))
            .Replace("na@x.pt", "na2@x.pt", StringComparison.Ordinal).Replace("lc@x.pt", "lc2@x.pt", StringComparison.Ordinal);
        var started = await StartAsync(admin, "entity=customers&mode=insert", Http.Json(json));
        ShouldCount(await ImportJobs.FinishedAsync(admin, started), inserted: 2, updated: 0, unchanged: 0, duplicates: 0, rejected: 0);
        var job = await (await admin.GetAsync($"/api/v1/imports/{started.GetProperty("id").GetString()}")).JsonBody();
        var bound = job.GetProperty("columns").EnumerateArray().ToDictionary(c => c.GetProperty("column").GetString()!, c => c.GetProperty("field").GetString());
        bound.ShouldNotContainKey("address");
        (bound["address.line1"], bound["address.city"], bound["customFields.sector"]).ShouldBe(("address.line1", "address.city", "customFields.sector"));

        var copy = (await (await admin.GetAsync("/api/v1/customers?q=lc2")).JsonBody()).GetProperty("items")[0];
        copy.GetProperty("address").GetProperty("line1").GetString().ShouldBe("Rua A 1");
        copy.GetProperty("address").GetProperty("city").GetString().ShouldBe("Lisboa");
        copy.GetProperty("address").GetProperty("postalCode").GetString().ShouldBe("1000-001");
        copy.GetProperty("customFields").GetProperty("sector").GetString().ShouldBe("Retail");
    }

    [Fact]
    public async Task AJsonKeyThatIsNullInEveryItemIsStillAColumnAMappingCanNameAndAnUpsertClears()
    {
        using var admin = await Factory.AdminClientAsync();
        await (await admin.PostAsJsonAsync("/api/v1/customers", new { name = "Has Phone", email = "hp@x.pt", phone = "+351211234567" })).ShouldBe(HttpStatusCode.Created);
        var job = await ImportJobs.FinishedAsync(admin, await StartAsync(admin, "entity=customers&mapping=%7B%22Telefone%22%3A%22phone%22%7D",
            Http.Json("""[{"name":"Has Phone","email":"hp@x.pt","Telefone":null},{"name":"New One","email":"new@x.pt","Telefone":null}]""")));
        ShouldCount(job, inserted: 1, updated: 1, unchanged: 0, duplicates: 0, rejected: 0);
        var updated = (await (await admin.GetAsync("/api/v1/customers?q=has+phone")).JsonBody()).GetProperty("items")[0];
        (updated.TryGetProperty("phone", out var phone) ? phone.ValueKind : JsonValueKind.Null).ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task AWebsiteTooLongOnceNormalisedRejectsOnlyItsRow()
    {
        using var admin = await Factory.AdminClientAsync();
        // 400 characters as typed, several times that once percent-escaped: the row goes, not the whole merge.
        var csv = $"name,email,website\nGood,good@x.pt,example.com/ąę\nLong site,long@x.pt,example.com/{new string('ą', 400)}\n";
        var job = await ImportJobs.FinishedAsync(admin, await StartAsync(admin, "entity=customers", Csv(csv, bom: false)));
        ShouldCount(job, inserted: 1, updated: 0, unchanged: 0, duplicates: 0, rejected: 1);
        (await ErrorLinesAsync(admin, job))[1].ShouldStartWith("3,\"website: At most 500 characters");
    }

    [Fact]
    public async Task AnUpsertLeavesAloneWhatTheFileDoesNotCarry()
    {
        using var admin = await Factory.AdminClientAsync();
        var ana = await (await admin.PostAsJsonAsync("/api/v1/customers", new { name = "Ana Silva", kind = "person", type = "customer", email = "ana@x.pt" })).ShouldBe(HttpStatusCode.Created);
        var anaUrl = $"/api/v1/customers/{ana.GetProperty("id").GetString()}";

        // What the web app's wizard sends: a default kind for a file with no kind column. It fills new records only.
        var wizard = $"entity=customers&defaults={Uri.EscapeDataString("""{"kind":"company"}""")}";
        ShouldCount(await ImportJobs.FinishedAsync(admin, await StartAsync(admin, wizard, Csv("email,name\nana@x.pt,Ana M. Silva\nnew@x.pt,New Co\n", bom: false))),
            inserted: 1, updated: 1, unchanged: 0, duplicates: 0, rejected: 0);
        var updated = await (await admin.GetAsync(anaUrl)).JsonBody();
        (updated.GetProperty("name").GetString(), updated.GetProperty("kind").GetString(), updated.GetProperty("type").GetString()).ShouldBe(("Ana M. Silva", "person", "customer"));
        (await (await admin.GetAsync("/api/v1/customers?q=new+co")).JsonBody()).GetProperty("items")[0].GetProperty("kind").GetString().ShouldBe("company");

        // Empty kind and type cells keep a record's own; a new one gets company and lead. A second run changes nothing.
        const string EmptyCells = "email,name,kind,type\nana@x.pt,Ana M. Silva,,\nother@x.pt,Other,,\n";
        ShouldCount(await ImportJobs.FinishedAsync(admin, await StartAsync(admin, "entity=customers", Csv(EmptyCells, bom: false))), inserted: 1, updated: 0, unchanged: 1, duplicates: 0, rejected: 0);
        ShouldCount(await ImportJobs.FinishedAsync(admin, await StartAsync(admin, "entity=customers", Csv(EmptyCells, bom: false))), inserted: 0, updated: 0, unchanged: 2, duplicates: 0, rejected: 0);
        updated = await (await admin.GetAsync(anaUrl)).JsonBody();
        (updated.GetProperty("kind").GetString(), updated.GetProperty("type").GetString()).ShouldBe(("person", "customer"));
        var other = (await (await admin.GetAsync("/api/v1/customers?q=other")).JsonBody()).GetProperty("items")[0];
        (other.GetProperty("kind").GetString(), other.GetProperty("type").GetString()).ShouldBe(("company", "lead"));

        // A default for a column the file has fills its empty cells, in updates too.
        ShouldCount(await ImportJobs.FinishedAsync(admin, await StartAsync(admin, $"entity=customers&defaults={Uri.EscapeDataString("""{"type":"prospect"}""")}", Csv(EmptyCells, bom: false))),
            inserted: 0, updated: 2, unchanged: 0, duplicates: 0, rejected: 0);
        updated = await (await admin.GetAsync(anaUrl)).JsonBody();
        (updated.GetProperty("kind").GetString(), updated.GetProperty("type").GetString()).ShouldBe(("person", "prospect"));

        // Contacts: an empty consent cell keeps the contact's consent.
        var customer = await (await admin.PostAsJsonAsync("/api/v1/customers", new { name = "Consent Co", externalId = "ERP-C" })).ShouldBe(HttpStatusCode.Created);
        var jo = await (await admin.PostAsJsonAsync("/api/v1/contacts", new { customerId = customer.GetProperty("id").GetString(), firstName = "Jo", email = "jo@x.pt", emailConsent = true })).ShouldBe(HttpStatusCode.Created);
        ShouldCount(await ImportJobs.FinishedAsync(admin, await StartAsync(admin, "entity=contacts", Csv("Customer external id,First name,Email,Consent\nERP-C,Jo,jo@x.pt,\nERP-C,Rui,rui@x.pt,\n", bom: false))),
            inserted: 1, updated: 0, unchanged: 1, duplicates: 0, rejected: 0);
        (await (await admin.GetAsync($"/api/v1/contacts/{jo.GetProperty("id").GetString()}")).JsonBody()).GetProperty("emailConsent").GetBoolean().ShouldBeTrue();
        (await (await admin.GetAsync("/api/v1/contacts?q=rui")).JsonBody()).GetProperty("items")[0].GetProperty("emailConsent").GetBoolean().ShouldBeFalse();
    }

    [Theory]
    [InlineData("mapping", """{"Email":null}""")]
    [InlineData("defaults", """{"type":"customer"}""")]
    public async Task AMultipartPartAfterTheFileIsRefusedNotIgnored(string part, string json)
    {
        using var admin = await Factory.AdminClientAsync();
        using var form = new MultipartFormDataContent
        {
            { Csv("Name,Email\nNorte,norte@x.pt\n", bom: false), "file", "clientes.csv" },
            { new StringContent(json), part },
        };
        var problem = await (await admin.PostAsync("/api/v1/imports?entity=customers", form)).ShouldBeValidationProblem(part);
        problem.GetProperty("errors").GetProperty(part)[0].GetString().ShouldBe($"Send the {part} part before the file part; nothing was imported.");
        (await LatestJobAsync(admin)).GetProperty("status").GetString().ShouldBe("failed");

        // Bytes that are not UTF-8 inside a string (a surrogate written as CESU-8) are refused the same way.
        var bytes = new ByteArrayContent([.. "[{\"name\":\""u8, 0xED, 0xA0, 0x80, .. "\"}]"u8]);
        bytes.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var raw = await (await admin.PostAsync("/api/v1/imports?entity=customers&mode=insert", bytes)).ShouldBeValidationProblem("file");
        raw.GetProperty("errors").GetProperty("file")[0].GetString()!.ShouldStartWith("Item 1: name is not text");
        (await CustomerCountAsync(admin)).ShouldBe(0);
        (await Factory.ScalarAsync<long>("SELECT count(*) FROM import_customer_rows")).ShouldBe(0);
    }

    [Fact]
    public async Task AnUploadCutOffMidwaySaysSoAndImportsNothing()
    {
        using var admin = await Factory.AdminClientAsync();
        var rows = string.Concat(Enumerable.Range(0, 3000).Select(i => $"Row {i},row{i}@x.pt\n"));
        using var content = new StreamContent(new CutOffStream(Encoding.UTF8.GetBytes("name,email\n" + rows)));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        using var gone = new CancellationTokenSource(TimeSpan.FromSeconds(2)); // the client goes away
        // Straight to the test server: the factory's client buffers a body before sending it (to replay it on a redirect).
        using var direct = Factory.Server.CreateClient();
        direct.DefaultRequestHeaders.Authorization = admin.DefaultRequestHeaders.Authorization;
        var post = direct.PostAsync("/api/v1/imports?entity=customers", content, gone.Token);
        (await Task.WhenAny(post, Task.Delay(TimeSpan.FromSeconds(30)))).ShouldBe(post, "the upload never ended");
        await Should.ThrowAsync<OperationCanceledException>(post);

        JsonElement job = default;
        for (var i = 0; i < 100 && job.ValueKind == JsonValueKind.Undefined; i++)
        {
            var items = (await (await admin.GetAsync("/api/v1/imports")).JsonBody()).GetProperty("items");
            if (items.GetArrayLength() > 0 && items[0].GetProperty("status").GetString() == "failed")
            {
                job = items[0];
            }
            else
            {
                await Task.Delay(100);
            }
        }

        job.ValueKind.ShouldBe(JsonValueKind.Object, $"no failed job: {await admin.GetStringAsync("/api/v1/imports")}");
        job.GetProperty("error").GetString().ShouldBe("The upload was interrupted; nothing was imported.");
        (await CustomerCountAsync(admin)).ShouldBe(0);
        var id = job.GetProperty("id").GetString();
        Factory.LogLines.ShouldContain(l => l.Contains($"Import {id} was interrupted while uploading", StringComparison.Ordinal));
        Factory.LogLines.ShouldNotContain(l => l.Contains($"Import {id} failed while staging", StringComparison.Ordinal));
    }

    /// <summary>A body that stops midway and never ends: its client then goes away (the test server cannot break a body with an IOException as Kestrel does).</summary>
    private sealed class CutOffStream(byte[] head) : MemoryStream(head)
    {
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var n = await base.ReadAsync(buffer, cancellationToken);
            if (n == 0)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            return n;
        }
    }

    [Fact]
    public async Task ARowWhoseOwnerIsNoUserIsRejectedAndTheRestImported()
    {
        using var admin = await Factory.AdminClientAsync();
        var me = (await (await admin.GetAsync("/api/v1/me")).ShouldBe(HttpStatusCode.OK)).GetProperty("id").GetString();
        var stranger = Guid.NewGuid();
        var file = $"Name,Owner id\nCom Dono,{me}\nDono Errado,{stranger}\nSem Dono,\n";
        var job = await ImportJobs.FinishedAsync(admin, await StartAsync(admin, "entity=customers&mode=insert", Csv(file, bom: false)));
        ShouldCount(job, inserted: 2, updated: 0, unchanged: 0, duplicates: 0, rejected: 1);
        (await ErrorLinesAsync(admin, job))[1].ShouldStartWith($"3,ownerId: No user has this id.,Dono Errado,{stranger}");

        // A default owner that is no user rejects every row that takes it.
        var defaults = Uri.EscapeDataString($$"""{"ownerId":"{{stranger}}"}""");
        var defaulted = await ImportJobs.FinishedAsync(admin, await StartAsync(admin, $"entity=customers&mode=insert&defaults={defaults}", Csv("Name\nOutro\n", bom: false)));
        ShouldCount(defaulted, inserted: 0, updated: 0, unchanged: 0, duplicates: 0, rejected: 1);
    }

    [Fact]
    public async Task ACellListingTwoTypesIsRejectedNotImportedAsTheirCombination()
    {
        using var admin = await Factory.AdminClientAsync();
        var job = await ImportJobs.FinishedAsync(admin, await StartAsync(admin, "entity=customers&mode=insert",
            Csv("Name,Type\nBoth,\"prospect, lead\"\nOne,prospect\n", bom: false)));
        ShouldCount(job, inserted: 1, updated: 0, unchanged: 0, duplicates: 0, rejected: 1);
        (await ErrorLinesAsync(admin, job))[1].ShouldStartWith("2,\"type: Use one of: customer, prospect, lead, supplier, partner.\",Both,");
        await (await admin.PostAsync("/api/v1/imports?entity=customers&mode=insert,upsert", Csv("Name\nX\n", bom: false))).ShouldBeValidationProblem("mode");
    }

    [Theory]
    [InlineData("sep=;\r\nName;Email\r\nSep Co;sep@x.pt\r\nBad;not-an-email\r\n", true)]
    [InlineData("SEP=,\nName,Email\nSep Co,sep@x.pt\nBad,not-an-email\n", false)]
    [InlineData("sep=\t\nName\tEmail\nSep Co\tsep@x.pt\nBad\tnot-an-email\n", true)]
    public async Task AnExcelSepLineSaysTheSeparatorAndIsNotTheHeader(string file, bool bom)
    {
        // Excel writes and reads a first line "sep=;" naming the separator; it was taken for the header ("sep=").
        using var admin = await Factory.AdminClientAsync();
        var job = await ImportJobs.FinishedAsync(admin, await StartAsync(admin, "entity=customers&mode=insert", Csv(file, bom)));
        ShouldCount(job, inserted: 1, updated: 0, unchanged: 0, duplicates: 0, rejected: 1);
        Fields(job).ShouldBe(["name", "email"]);
        // Lines are the file's own: the sep line is line 1.
        (await ErrorLinesAsync(admin, job))[1].ShouldStartWith("4,email: Not a valid email address.");
    }

    [Fact]
    public async Task AContactNamingTwoDifferentCustomersIsRejected()
    {
        using var admin = await Factory.AdminClientAsync();
        await (await admin.PostAsJsonAsync("/api/v1/customers", new { name = "A Co", externalId = "ERP-A", email = "a@co.pt" })).ShouldBe(HttpStatusCode.Created);
        await (await admin.PostAsJsonAsync("/api/v1/customers", new { name = "B Co", externalId = "ERP-B", email = "b@co.pt" })).ShouldBe(HttpStatusCode.Created);
        const string File = "Customer external id,Customer email,First name,Email\nERP-A,b@co.pt,Mixed,mixed@x.pt\nERP-A,a@co.pt,Agreed,agreed@x.pt\nERP-B,,Only,only@x.pt\n"
            + "NO-SUCH,a@co.pt,Stray,stray@x.pt\n";
        var job = await ImportJobs.FinishedAsync(admin, await StartAsync(admin, "entity=contacts", Csv(File, bom: false)));
        ShouldCount(job, inserted: 2, updated: 0, unchanged: 0, duplicates: 0, rejected: 2);
        var lines = await ErrorLinesAsync(admin, job);
        lines[1].ShouldStartWith("2,customerExternalId and customerEmail name different customers.,ERP-A,b@co.pt,Mixed");
        // An external id that matches nothing is not overruled by an email that matches someone.
        lines[2].ShouldStartWith("5,customerExternalId: No customer has this external id.,NO-SUCH,a@co.pt,Stray");
    }

    [Fact]
    public async Task ANulCharacterInACellRejectsItsRowNamingTheField()
    {
        using var admin = await Factory.AdminClientAsync();
        var job = await ImportJobs.FinishedAsync(admin, await StartAsync(admin, "entity=customers&mode=insert",
            Csv("Name,Email,Notes\nNul\0Name,n@x.pt,x\nGood,g@x.pt,not\0mapped\n", bom: false)));
        ShouldCount(job, inserted: 1, updated: 0, unchanged: 0, duplicates: 0, rejected: 1);
        var lines = await ErrorLinesAsync(admin, job);
        lines[1].ShouldBe("2,\"name: Contains the NUL character (U+0000), which cannot be stored.\",Nul\uFFFDName,n@x.pt,x");

        var json = await ImportJobs.FinishedAsync(admin, await StartAsync(admin, "entity=customers&mode=insert", Http.Json("""[{"name":"Json\u0000Name","email":"j@x.pt"},{"name":"Json Good"}]""")));
        ShouldCount(json, inserted: 1, updated: 0, unchanged: 0, duplicates: 0, rejected: 1);
        (await ErrorLinesAsync(admin, json))[1].ShouldStartWith("1,\"name: Contains the NUL character");
        (await CustomerCountAsync(admin)).ShouldBe(2);
    }

    [Theory]
    [InlineData("""[{"name":"Fine"},{"name":"Lone \ud800 half"}]""", "Item 2: name is not text (bytes that are not UTF-8, or an unpaired surrogate escape from \\ud800 to \\udfff); send the file as UTF-8 and each character whole.")]
    [InlineData("""[{"name":"Fine","address":{"city":"\udc00"}}]""", "Item 1: address.city is not text (bytes that are not UTF-8, or an unpaired surrogate escape from \\ud800 to \\udfff); send the file as UTF-8 and each character whole.")]
    [InlineData("""[{"name":"Fine","tags":["a","\ud83d"]}]""", "Item 1: tags is not text (bytes that are not UTF-8, or an unpaired surrogate escape from \\ud800 to \\udfff); send the file as UTF-8 and each character whole.")]
    [InlineData("""[{"name":"Fine","\ud800":"x"}]""", "Item 1 has a key that is not text (bytes that are not UTF-8, or an unpaired surrogate escape from \\ud800 to \\udfff); keys must be text.")]
    public async Task AJsonStringThatIsNotTextIsRefusedNamingItsItemAndFieldNotA500(string json, string reason)
    {
        using var admin = await Factory.AdminClientAsync();
        var problem = await (await admin.PostAsync("/api/v1/imports?entity=customers&mode=insert", Http.Json(json))).ShouldBeValidationProblem("file");
        problem.GetProperty("errors").GetProperty("file")[0].GetString().ShouldBe(reason);
        (await CustomerCountAsync(admin)).ShouldBe(0);
        (await LatestJobAsync(admin)).GetProperty("status").GetString().ShouldBe("failed");

        // Bytes that are not UTF-8 inside a string (a surrogate written as CESU-8) are refused the same way.
        var bytes = new ByteArrayContent([.. "[{\"name\":\""u8, 0xED, 0xA0, 0x80, .. "\"}]"u8]);
        bytes.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var raw = await (await admin.PostAsync("/api/v1/imports?entity=customers&mode=insert", bytes)).ShouldBeValidationProblem("file");
        raw.GetProperty("errors").GetProperty("file")[0].GetString()!.ShouldStartWith("Item 1: name is not text");

        // A whole pair is a character like any other.
        var paired = await ImportJobs.FinishedAsync(admin, await StartAsync(admin, "entity=customers&mode=insert", Http.Json("""[{"name":"Smile \ud83d\ude00"}]""")));
        ShouldCount(paired, inserted: 1, updated: 0, unchanged: 0, duplicates: 0, rejected: 0);
    }

    [Fact]
    public async Task ImportsAreListedForTheirOwner()
    {
        using var admin = await Factory.AdminClientAsync();
        await ImportJobs.FinishedAsync(admin, await StartAsync(admin, "entity=customers", Csv("name,email\nA,a@a.pt\n", bom: false)));
        var list = await (await admin.GetAsync("/api/v1/imports")).ShouldBe(HttpStatusCode.OK);
        list.GetProperty("items").GetArrayLength().ShouldBe(1);
        using var sales = await Factory.ClientWithRoleAsync("Sales");
        (await (await sales.GetAsync("/api/v1/imports")).JsonBody()).GetProperty("items").GetArrayLength().ShouldBe(0);
        await (await sales.GetAsync($"/api/v1/imports/{list.GetProperty("items")[0].GetProperty("id").GetString()}")).ShouldBeProblem(HttpStatusCode.NotFound);
    }
}
