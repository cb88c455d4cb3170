using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Crm.Api.IntegrationTests.Infrastructure;

namespace Crm.Api.IntegrationTests.Customers;

/// <summary>
/// ?q= across what people type: a period for the Catalan middle dot (cel.lers), invisible format characters (soft
/// hyphen, zero-width space, BOM), compatibility forms (ligatures, fullwidth letters); and names sent decomposed,
/// stored composed (NFC). Through the customer and contact lists, and through the CSV import.
/// </summary>
public sealed class SearchFoldingTests(CrmApiFactory factory) : ApiTest(factory)
{
    private static async Task<List<string>> Names(HttpClient client, string q)
    {
        var body = await (await client.GetAsync("/api/v1/customers?q=" + Uri.EscapeDataString(q))).ShouldBe(HttpStatusCode.OK);
        return body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()!).ToList();
    }

    private static async Task<JsonElement> Create(HttpClient client, string name, string? email = null, string? website = null) =>
        await (await client.PostAsJsonAsync("/api/v1/customers", new { name, email, website, type = "lead" })).ShouldBe(HttpStatusCode.Created);

    [Fact]
    public async Task AByteOrderMarkReadBackwardsIsDroppedNotAServerError()
    {
        // U+FFFE is the one code point .NET refuses to normalise: in a name or a query it was a 500.
        using var client = await Factory.AdminClientAsync();
        (await Create(client, "Zakład Kowal\uFFFEski")).GetProperty("name").GetString().ShouldBe("Zakład Kowalski");

        (await Names(client, "kowal\uFFFEski")).ShouldBe(["Zakład Kowalski"]);
        (await Names(client, "\uFFFE")).ShouldNotBeNull();
    }

    [Theory]
    [InlineData("cel.lers", "Cal Pagès Cel·lers")]
    [InlineData("CEL.LERS pages", "Cal Pagès Cel·lers")]
    [InlineData("col.legi", "Coŀlegi Quatre")]
    [InlineData("col.legi", "Col.legi d'Advocats")] // typed with the period, stored so
    [InlineData("collegi advocats", "Col.legi d'Advocats")]
    [InlineData("col·legi d'advocats", "Col.legi d'Advocats")]
    public async Task APeriodBetweenTwoLsFindsTheCatalanMiddleDot(string q, string expected)
    {
        using var client = await Factory.AdminClientAsync();
        foreach (var name in new[] { "Cal Pagès Cel·lers", "Coŀlegi Quatre", "Col.legi d'Advocats", "Acme Widgets" })
        {
            await Create(client, name);
        }

        var names = await Names(client, q);

        names.ShouldContain(expected);
        names.ShouldNotContain("Acme Widgets");
    }

    [Theory]
    [InlineData("paul.lewis@example.com", "Lewis Trading")]
    [InlineData("Paul.Lewis@Example.com", "Lewis Trading")]
    [InlineData("paul.lewis", "Lewis Trading")]
    [InlineData("paul.", "Lewis Trading")]
    [InlineData("lewis@example", "Lewis Trading")]
    [InlineData("lewis", "Lewis Trading")] // a word of the address, through the postings
    [InlineData("www.cell.cat", "Cell Cat")]
    [InlineData("cell.cat", "Cell Cat")]
    [InlineData("mail.lu", "Luxembourg Post")] // "l.l" in a web address, found as typed
    [InlineData("www.mail.lu", "Luxembourg Post")]
    public async Task EmailAndWebAddressesAreStillFoundAsTyped(string q, string expected)
    {
        using var client = await Factory.AdminClientAsync();
        await Create(client, "Lewis Trading", email: "paul.lewis@example.com");
        await Create(client, "Cell Cat", website: "www.cell.cat");
        await Create(client, "Luxembourg Post", website: "https://www.mail.lu");
        await Create(client, "Acme Widgets", email: "paul@acme.example", website: "acme.example");

        (await Names(client, q)).ShouldBe([expected]);
    }

    [Theory]
    [InlineData("kowalski", "Kowal\u00ADski Handel")] // soft hyphen in the stored name
    [InlineData("Kowal\u200Dski", "Kowal\u00ADski Handel")] // zero-width joiner in the query
    [InlineData("θεσσαλονικη", "Θεσσα\u200Bλονίκη Εμπορική")] // zero-width space
    [InlineData("conceicao", "\uFEFFConceição Lda")] // BOM
    [InlineData("Conce\u2060ição", "Conceição Comercial")] // word joiner in the query
    [InlineData("zaklad", "Za\u200Ck\u00ADład Ślusarski")]
    public async Task FormatCharactersInANameOrAQueryAreIgnored(string q, string expected)
    {
        using var client = await Factory.AdminClientAsync();
        foreach (var name in new[] { "Kowal\u00ADski Handel", "Θεσσα\u200Bλονίκη Εμπορική", "\uFEFFConceição Lda", "Conceição Comercial", "Za\u200Ck\u00ADład Ślusarski", "Acme Widgets" })
        {
            await Create(client, name);
        }

        (await Names(client, q)).ShouldContain(expected);
    }

    [Theory]
    [InlineData("financas", "ﬁnanças Lda")] // ligature fi
    [InlineData("raffles", "Raﬄes Hotel")] // ffl
    [InlineData("florista", "ﬂorista Rosa")]
    [InlineData("cafe lisboa", "Ｃａｆé Ｌｉｓｂｏａ")] // fullwidth
    [InlineData("ｆｉｎａｎçａｓ", "ﬁnanças Lda")] // fullwidth in the query
    [InlineData("ﬁnanças", "Finanças Porto")] // a ligature in the query finds the plain letters
    [InlineData("ϲοφια", "Σοφία Ξενοδοχεία")] // lunate sigma
    public async Task CompatibilityFormsFindTheirPlainLetters(string q, string expected)
    {
        using var client = await Factory.AdminClientAsync();
        foreach (var name in new[] { "ﬁnanças Lda", "Raﬄes Hotel", "ﬂorista Rosa", "Ｃａｆé Ｌｉｓｂｏａ", "Finanças Porto", "Σοφία Ξενοδοχεία", "Acme Widgets" })
        {
            await Create(client, name);
        }

        var names = await Names(client, q);

        names.ShouldContain(expected);
        names.ShouldNotContain("Acme Widgets");
    }

    [Fact]
    public async Task ContactsAreFoundThroughTheSameFold()
    {
        using var client = await Factory.AdminClientAsync();
        var customerId = (await Create(client, "Acme Widgets")).GetProperty("id").GetString();
        foreach (var (firstName, lastName) in new[] { ("Jordi", "Cel.lers"), ("Anna", "Kowal\u00ADska"), ("ﬁona", "Ｓｍｉｔｈ"), ("Zoë", "Other") })
        {
            await (await client.PostAsJsonAsync("/api/v1/contacts", new { customerId, firstName, lastName })).ShouldBe(HttpStatusCode.Created);
        }

        async Task<List<string>> Found(string q) =>
            (await (await client.GetAsync("/api/v1/contacts?q=" + Uri.EscapeDataString(q))).ShouldBe(HttpStatusCode.OK))
                .GetProperty("items").EnumerateArray().Select(i => i.GetProperty("firstName").GetString()!).ToList();

        (await Found("cel·lers")).ShouldBe(["Jordi"]);
        (await Found("cel.lers")).ShouldBe(["Jordi"]);
        (await Found("kowalska")).ShouldBe(["Anna"]);
        (await Found("fiona smith")).ShouldBe(["ﬁona"]);
    }

    [Fact]
    public async Task NamesSentDecomposedAreStoredComposed()
    {
        using var client = await Factory.AdminClientAsync();
        var created = await Create(client, "Cafe\u0301 Sa\u0303o Bento");
        created.GetProperty("name").GetString().ShouldBe("Café São Bento");
        await Create(client, "Café Rio");
        await Create(client, "Cafe Zeta");

        var list = await (await client.GetAsync("/api/v1/customers?sort=name")).ShouldBe(HttpStatusCode.OK);
        list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()).ShouldBe(["Café Rio", "Café São Bento", "Cafe Zeta"]);
        (await Names(client, "Cafe\u0301 Sa\u0303o")).ShouldBe(["Café São Bento"]);

        var customerId = created.GetProperty("id").GetString();
        var contact = await (await client.PostAsJsonAsync("/api/v1/contacts", new { customerId, firstName = "Zo\u00EB", lastName = "Ptak-Wis\u0301niewska" })).ShouldBe(HttpStatusCode.Created);
        contact.GetProperty("lastName").GetString().ShouldBe("Ptak-Wiśniewska");
        var renamed = await (await client.PutAsJsonAsync($"/api/v1/contacts/{contact.GetProperty("id").GetString()}",
            new { customerId, firstName = "Zoe\u0308", lastName = "Ptak" })).ShouldBe(HttpStatusCode.OK);
        renamed.GetProperty("firstName").GetString().ShouldBe("Zoë");

        var department = await (await client.PostAsJsonAsync("/api/v1/departments", new { name = "Comptabilitat i Financ\u0327es" })).ShouldBe(HttpStatusCode.Created);
        department.GetProperty("name").GetString().ShouldBe("Comptabilitat i Finançes");
        // The same name typed composed is the same department.
        await (await client.PostAsJsonAsync("/api/v1/departments", new { name = "Comptabilitat i Finançes" })).ShouldBeProblem(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task ImportedNamesAreFoldedAndStoredComposed()
    {
        using var client = await Factory.AdminClientAsync();
        var csv = "name,email\n\"ﬁnanças Importadas\",\nCel.lers Importats,\nKowal\u00ADski Import,\n\"Cafe\u0301 Importado\",\nImport Lewis,paul.lewis@import.example\n";
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        var started = await (await client.PostAsync("/api/v1/imports?entity=customers&mode=insert", content)).ShouldBe(HttpStatusCode.Accepted);
        var id = started.GetProperty("id").GetString();
        JsonElement job;
        var polls = 0;
        do
        {
            await Task.Delay(100);
            job = await (await client.GetAsync($"/api/v1/imports/{id}")).ShouldBe(HttpStatusCode.OK);
        }
        while (job.GetProperty("status").GetString() is not ("succeeded" or "failed") && ++polls < 600);

        job.GetProperty("status").GetString().ShouldBe("succeeded", job.ToString());
        job.GetProperty("inserted").GetInt64().ShouldBe(5);
        (await Names(client, "financas")).ShouldBe(["ﬁnanças Importadas"]);
        (await Names(client, "cel·lers")).ShouldBe(["Cel.lers Importats"]);
        (await Names(client, "cel.lers")).ShouldBe(["Cel.lers Importats"]);
        (await Names(client, "kowalski")).ShouldBe(["Kowal\u00ADski Import"]);
        (await Names(client, "cafe importado")).ShouldBe(["Café Importado"]);
        (await Names(client, "paul.lewis@import.example")).ShouldBe(["Import Lewis"]);
        (await Names(client, "lewis")).ShouldBe(["Import Lewis"]);
        (await Factory.ScalarAsync<long>("SELECT count(*) FROM customers WHERE name = @p0", "Café Importado")).ShouldBe(1);
    }
}
