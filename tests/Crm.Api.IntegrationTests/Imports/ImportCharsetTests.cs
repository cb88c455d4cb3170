using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Crm.Api.IntegrationTests.Infrastructure;

namespace Crm.Api.IntegrationTests.Imports;

/// <summary>
/// Excel saves "CSV" in the system's ANSI code page: windows-1250 in Poland, windows-1253 in Greece, windows-1252 in
/// Portugal and Catalonia. Such a file, declared by its Content-Type's charset or the charset parameter, imports with its
/// letters as they are; undeclared, it is refused as not UTF-8 (the message says how to declare it); declared wrongly,
/// it is refused rather than imported garbled.
/// </summary>
public sealed class ImportCharsetTests(CrmApiFactory factory) : ApiTest(factory)
{
    static ImportCharsetTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static ByteArrayContent Body(byte[] bytes, string contentType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

    private static async Task<string[]> NamesAsync(HttpClient client, string q) =>
        [.. (await (await client.GetAsync($"/api/v1/customers?q={Uri.EscapeDataString(q)}&sort=name")).ShouldBe(HttpStatusCode.OK))
            .GetProperty("items").EnumerateArray().Select(c => c.GetProperty("name").GetString()!)];

    private static string Reason(JsonElement problem, string field) => problem.GetProperty("errors").GetProperty(field)[0].GetString()!;

    [Fact]
    public async Task AnExcelCsvInItsCodePageImportsWithItsLettersWhenTheCharsetIsDeclared()
    {
        using var admin = await Factory.AdminClientAsync();

        // Polish, as Excel in Poland saves it: windows-1250, semicolons. Declared by the Content-Type, as curl sends it.
        var polish = Encoding.GetEncoding(1250).GetBytes("Nazwa;Miasto;E-mail\r\nZakład Łódź Sp. z o.o.;Łódź;biuro@zaklad-lodz.pl\r\nŻółć i Śliwa;Gdańsk;\r\n");
        var job = await ImportJobs.FinishedAsync(admin, await admin.PostAsync("/api/v1/imports?entity=customers&mode=insert", Body(polish, "text/csv; charset=windows-1250")));
        job.GetProperty("inserted").GetInt64().ShouldBe(2, job.ToString());
        job.GetProperty("charset").GetString().ShouldBe("windows-1250"); // the job says how its file was read
        (await NamesAsync(admin, "lodz")).ShouldBe(["Zakład Łódź Sp. z o.o."]);
        (await NamesAsync(admin, "zolc")).ShouldBe(["Żółć i Śliwa"]);

        // Greek in windows-1253, uploaded as a browser does (multipart, no charset on the part): the charset parameter says it.
        var greek = Encoding.GetEncoding(1253).GetBytes("Επωνυμία,Πόλη\nΓιώργος Παπαδόπουλος Α.Ε.,Αθήνα\n");
        using var form = new MultipartFormDataContent { { Body(greek, "text/csv"), "file", "πελάτες.csv" } };
        job = await ImportJobs.FinishedAsync(admin, await admin.PostAsync("/api/v1/imports?entity=customers&mode=insert&charset=windows-1253", form));
        job.GetProperty("inserted").GetInt64().ShouldBe(1, job.ToString());
        (await NamesAsync(admin, "γιωργος")).ShouldBe(["Γιώργος Παπαδόπουλος Α.Ε."]);

        // Portuguese labelled iso-8859-1, as many tools label windows-1252: read as browsers read it, the euro sign (0x80) included.
        var portuguese = Encoding.GetEncoding(1252).GetBytes("Nome,Cidade\nSão João € Cª,Évora\n");
        job = await ImportJobs.FinishedAsync(admin, await admin.PostAsync("/api/v1/imports?entity=customers&mode=insert", Body(portuguese, "text/csv; charset=ISO-8859-1")));
        job.GetProperty("inserted").GetInt64().ShouldBe(1, job.ToString());
        job.GetProperty("charset").GetString().ShouldBe("windows-1252");
        (await NamesAsync(admin, "sao joao")).ShouldBe(["São João € Cª"]);

        // A real file: the shared accounts dataset, saved by Excel in windows-1252 (all ASCII but for what it holds), imports whole.
        var accounts = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "datasets", "crm-sales-accounts.csv"));
        job = await ImportJobs.FinishedAsync(admin, await admin.PostAsync(
            "/api/v1/imports?entity=customers&mode=insert&charset=windows-1252", Body(Encoding.GetEncoding(1252).GetBytes(accounts), "text/csv")));
        job.GetProperty("status").GetString().ShouldBe("succeeded", job.ToString());
        job.GetProperty("inserted").GetInt64().ShouldBe(accounts.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length - 1, job.ToString());
    }

    [Fact]
    public async Task AFileNotInItsDeclaredCharsetOrNotDeclaredIsRefusedAtItsLineAndNothingIsImported()
    {
        using var admin = await Factory.AdminClientAsync();
        var polish = Encoding.GetEncoding(1250).GetBytes("name\nAcme\nŁódź Sp. z o.o.\n");

        // Not declared: not UTF-8, and the message says the character set can be named.
        var problem = await (await admin.PostAsync("/api/v1/imports?entity=customers&mode=insert", Body(polish, "text/csv"))).ShouldBeValidationProblem("file");
        Reason(problem, "file").ShouldBe(
            "The file is not UTF-8 text: line 3 has bytes that are not UTF-8. Save it as UTF-8 (CSV UTF-8) and import it again, or name the character set it was saved in (charset, such as windows-1250).");

        // Declared Greek: 0xAA is a byte windows-1253 leaves undefined.
        byte[] notGreek = [.. Encoding.GetEncoding(1253).GetBytes("name\nΑθήνα\nΠειραιάς\nBad "), 0xAA, (byte)'\n'];
        problem = await (await admin.PostAsync("/api/v1/imports?entity=customers&mode=insert", Body(notGreek, "text/csv; charset=windows-1253"))).ShouldBeValidationProblem("file");
        Reason(problem, "file").ShouldBe(
            "Line 4 has bytes that windows-1253 does not define: the file is not windows-1253 text. Name the character set it was saved in, or save it as UTF-8 (CSV UTF-8).");

        // UTF-8 declared as windows-1252 would be imported garbled ("SÃ£o"): refused, in the upload's language.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/imports?entity=customers&mode=insert")
        {
            Content = Body(Encoding.UTF8.GetBytes("name\nSão João\n"), "text/csv; charset=windows-1252"),
        };
        request.Headers.AcceptLanguage.ParseAdd("pt");
        problem = await (await admin.SendAsync(request)).ShouldBeValidationProblem("file");
        Reason(problem, "file").ShouldBe(
            "O ficheiro é texto UTF-8, não windows-1252: lido como windows-1252, as letras além de A a Z ficariam deturpadas. Importe-o como UTF-8.");

        // A UTF-8 file declared UTF-8 (in any spelling) is what it always was.
        var job = await ImportJobs.FinishedAsync(admin, await admin.PostAsync("/api/v1/imports?entity=customers&mode=insert&charset=UTF8", Body(Encoding.UTF8.GetBytes("name\nSão João\n"), "text/csv; charset=utf-8")));
        job.GetProperty("inserted").GetInt64().ShouldBe(1, job.ToString());
        job.GetProperty("charset").ValueKind.ShouldBe(JsonValueKind.Null);

        // A byte order mark wins over a declaration, and the job says the file was read as UTF-8.
        job = await ImportJobs.FinishedAsync(admin, await admin.PostAsync(
            "/api/v1/imports?entity=customers&mode=insert", Body([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes("name\nÉvora Lda\n")], "text/csv; charset=windows-1252")));
        job.GetProperty("inserted").GetInt64().ShouldBe(1, job.ToString());
        job.GetProperty("charset").ValueKind.ShouldBe(JsonValueKind.Null);

        // Only those two: the refused uploads imported nothing.
        (await (await admin.GetAsync("/api/v1/customers?includeTotal=true")).ShouldBe(HttpStatusCode.OK)).GetProperty("total").GetInt64().ShouldBe(2);
    }

    [Theory]
    [InlineData("charset=utf-16", "text/csv", "utf-16 is not a character set imports read. They read UTF-8 and single-byte character sets such as windows-1250, windows-1252, windows-1253, iso-8859-2, iso-8859-7.")]
    [InlineData("charset=shift_jis", "text/csv", "shift_jis is not a character set imports read. They read UTF-8 and single-byte character sets such as windows-1250, windows-1252, windows-1253, iso-8859-2, iso-8859-7.")]
    [InlineData("charset=ibm037", "text/csv", "ibm037 is not a character set imports read. They read UTF-8 and single-byte character sets such as windows-1250, windows-1252, windows-1253, iso-8859-2, iso-8859-7.")]
    [InlineData("charset=no-such-set", "text/csv", "no-such-set is not a character set imports read. They read UTF-8 and single-byte character sets such as windows-1250, windows-1252, windows-1253, iso-8859-2, iso-8859-7.")]
    [InlineData("charset=windows-1250", "text/csv; charset=windows-1253", "The charset parameter says windows-1250 and the Content-Type says windows-1253. Give one, or the same in both.")]
    [InlineData("", "application/json; charset=windows-1250", "JSON files are read as UTF-8 only, not windows-1250.")]
    public async Task ACharsetTheImportCannotReadIsA400NamingIt(string query, string contentType, string reason)
    {
        using var admin = await Factory.AdminClientAsync();
        var problem = await (await admin.PostAsync($"/api/v1/imports?entity=customers&mode=insert&{query}", Body("name\nAcme\n"u8.ToArray(), contentType))).ShouldBeValidationProblem("charset");
        Reason(problem, "charset").ShouldBe(reason);
        (await (await admin.GetAsync("/api/v1/imports")).ShouldBe(HttpStatusCode.OK)).GetProperty("items").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task TheSameCharsetByTwoOfItsNamesIsNoConflict()
    {
        using var admin = await Factory.AdminClientAsync();
        var polish = Encoding.GetEncoding(1250).GetBytes("name\nŁódź\n");
        var job = await ImportJobs.FinishedAsync(admin, await admin.PostAsync("/api/v1/imports?entity=customers&mode=insert&charset=cp1250", Body(polish, "text/csv; charset=\"Windows-1250\"")));
        job.GetProperty("inserted").GetInt64().ShouldBe(1, job.ToString());
        (await NamesAsync(admin, "lodz")).ShouldBe(["Łódź"]);
    }
}
