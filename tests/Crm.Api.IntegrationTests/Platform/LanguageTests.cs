using System.Net;
using System.Text.Json;
using Crm.Api.IntegrationTests.Infrastructure;

namespace Crm.Api.IntegrationTests.Platform;

/// <summary>
/// Problems are worded in the language Accept-Language asks for among the SPA's (en, pt, ca, pl, el), and say which
/// (Content-Language, Vary: Accept-Language); any other language, or none, gets the English texts partners always had.
/// Field keys never change with the language.
/// </summary>
public sealed class LanguageTests(CrmApiFactory factory) : ApiTest(factory)
{
    private static async Task<(HttpResponseMessage Response, JsonElement Problem)> Send(
        HttpClient client, HttpMethod method, string url, string? language, HttpStatusCode status, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, url) { Content = content };
        if (language is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Language", language);
        }

        var response = await client.SendAsync(request);
        var problem = await response.ShouldBeProblem(status);
        return (response, problem);
    }

    private static void ShouldSayLanguage(HttpResponseMessage response, string language)
    {
        response.Content.Headers.ContentLanguage.ShouldBe([language]);
        response.Headers.Vary.ShouldContain("Accept-Language");
    }

    [Theory]
    [InlineData(null, "en", "Unauthorized.", "Send a bearer token: Authorization: Bearer <token> (an access token from POST /api/v1/auth/token, or an API token).")]
    [InlineData("de", "en", "Unauthorized.", "Send a bearer token: Authorization: Bearer <token> (an access token from POST /api/v1/auth/token, or an API token).")]
    [InlineData("pl", "pl", "Brak autoryzacji.", "Wyślij token typu bearer: Authorization: Bearer <token> (token dostępu z POST /api/v1/auth/token lub token API).")]
    [InlineData("el", "el", "Δεν έχετε εξουσιοδότηση.", "Στείλτε ένα bearer token: Authorization: Bearer <token> (ένα διακριτικό πρόσβασης από το POST /api/v1/auth/token ή ένα διακριτικό API).")]
    [InlineData("pt-BR", "pt", "Não autorizado.", "Envie um bearer token: Authorization: Bearer <token> (um token de acesso de POST /api/v1/auth/token, ou um token de API).")]
    [InlineData("ca", "ca", "No autoritzat.", "Envieu un bearer token: Authorization: Bearer <token> (un token d'accés de POST /api/v1/auth/token, o un token d'API).")]
    public async Task A401WithoutATokenIsInTheRequestsLanguage(string? language, string answered, string title, string detail)
    {
        using var anonymous = Factory.CreateClient();
        var (response, problem) = await Send(anonymous, HttpMethod.Get, "/api/v1/customers", language, HttpStatusCode.Unauthorized);

        problem.GetProperty("title").GetString().ShouldBe(title);
        problem.GetProperty("detail").GetString().ShouldBe(detail);
        ShouldSayLanguage(response, answered);
    }

    /// <summary>A method the address does not answer: routing's 405, whose title the framework wrote in English.</summary>
    [Theory]
    [InlineData(null, "en", "Method not allowed.", "This address answers GET, HEAD, POST.")]
    [InlineData("pl", "pl", "Metoda niedozwolona.", "Ten adres obsługuje GET, HEAD, POST.")]
    [InlineData("el", "el", "Η μέθοδος δεν επιτρέπεται.", "Αυτή η διεύθυνση δέχεται GET, HEAD, POST.")]
    public async Task A405IsInTheRequestsLanguageAndSaysWhichMethodsTheAddressAnswers(string? language, string answered, string title, string detail)
    {
        using var admin = await Factory.AdminClientAsync();
        var (response, problem) = await Send(admin, HttpMethod.Put, "/api/v1/customers", language, HttpStatusCode.MethodNotAllowed);

        problem.GetProperty("title").GetString().ShouldBe(title);
        problem.GetProperty("detail").GetString().ShouldBe(detail);
        response.Content.Headers.Allow.ShouldNotBeEmpty();
        ShouldSayLanguage(response, answered);
    }

    [Theory]
    [InlineData(null, "Unsupported media type.", "Send the body as application/json, not text/plain", "The request has no Content-Type; send the body as application/json and say so in Content-Type.")]
    [InlineData("pl", "Nieobsługiwany typ zawartości.", "Wyślij treść jako application/json, nie text/plain", "Żądanie nie ma nagłówka Content-Type; wyślij treść jako application/json i podaj to w Content-Type.")]
    [InlineData("el", "Μη υποστηριζόμενος τύπος περιεχομένου.", "Στείλτε το σώμα ως application/json, όχι ως text/plain", "Το αίτημα δεν έχει Content-Type· στείλτε το σώμα ως application/json και δηλώστε το στο Content-Type.")]
    public async Task A415IsInTheRequestsLanguageWithOrWithoutAContentType(string? language, string title, string wrongType, string noType)
    {
        // Routing's 415 (a type the endpoint does not take) came with the framework's English title, and the body
        // reader's (no Content-Type at all) with its English detail, in every language.
        using var admin = await Factory.AdminClientAsync();
        var (_, wrong) = await Send(admin, HttpMethod.Post, "/api/v1/customers", language, HttpStatusCode.UnsupportedMediaType, Http.Json("""{"name":"x"}""", "text/plain"));
        wrong.GetProperty("title").GetString().ShouldBe(title);
        wrong.GetProperty("detail").GetString()!.ShouldStartWith(wrongType);

        var bare = new ByteArrayContent("""{"name":"x"}"""u8.ToArray());
        var (_, missing) = await Send(admin, HttpMethod.Post, "/api/v1/customers", language, HttpStatusCode.UnsupportedMediaType, bare);
        missing.GetProperty("title").GetString().ShouldBe(title);
        missing.GetProperty("detail").GetString().ShouldBe(noType);

        var id = (await (await admin.PostAsync("/api/v1/customers", Http.Json("""{"name":"y"}"""))).JsonBody()).GetProperty("id").GetString();
        var (_, patch) = await Send(admin, HttpMethod.Patch, $"/api/v1/customers/{id}", language, HttpStatusCode.UnsupportedMediaType, new ByteArrayContent("{}"u8.ToArray()));
        patch.GetProperty("title").GetString().ShouldBe(title);
        patch.GetProperty("detail").GetString()!.ShouldContain("application/merge-patch+json");
        patch.GetProperty("detail").GetString()!.ShouldContain("Content-Type");
    }

    [Fact]
    public async Task ARefusedTokensHeaderStaysEnglishWhileTheDetailIsTranslated()
    {
        using var client = Factory.CreateClient();
        client.Bearer("not-a-jwt");
        var (response, problem) = await Send(client, HttpMethod.Get, "/api/v1/customers", "el", HttpStatusCode.Unauthorized);

        problem.GetProperty("detail").GetString()!.ShouldStartWith("Το bearer token δεν είναι");
        response.Headers.WwwAuthenticate.ToString().ShouldContain("error_description=\"The bearer token is neither an access token issued here");
    }

    [Theory]
    [InlineData("pl, en;q=0.8", "pl")]
    [InlineData("de;q=1, el;q=0.9, pl;q=0.5", "el")]
    [InlineData("en;q=0.1, ca;q=0.9", "ca")]
    [InlineData("el-GR", "el")]
    [InlineData("pt-PT,pt;q=0.9", "pt")]
    [InlineData("*", "en")]
    [InlineData("xx-!!", "en")]
    public async Task QValuesChooseTheLanguage(string header, string answered)
    {
        using var admin = await Factory.AdminClientAsync();
        var (response, _) = await Send(admin, HttpMethod.Get, "/api/v1/no-such-thing", header, HttpStatusCode.NotFound);
        ShouldSayLanguage(response, answered);
    }

    [Fact]
    public async Task AnUnknownEndpointIs404InTheRequestsLanguageAndHeadKeepsTheHeaders()
    {
        using var admin = await Factory.AdminClientAsync();
        var (response, problem) = await Send(admin, HttpMethod.Get, "/api/v1/no-such-thing", "pl", HttpStatusCode.NotFound);
        problem.GetProperty("title").GetString().ShouldBe("Nie znaleziono.");
        problem.GetProperty("detail").GetString().ShouldBe("Taki endpoint nie istnieje.");

        using var head = new HttpRequestMessage(HttpMethod.Head, "/api/v1/no-such-thing");
        head.Headers.TryAddWithoutValidation("Accept-Language", "pl");
        var answer = await admin.SendAsync(head);
        answer.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        answer.Content.Headers.ContentLanguage.ShouldBe(["pl"]);
        answer.Headers.Vary.ShouldContain("Accept-Language");
    }

    [Fact]
    public async Task ASuccessfulAnswerDoesNotVaryByLanguage()
    {
        using var admin = await Factory.AdminClientAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/customers");
        request.Headers.TryAddWithoutValidation("Accept-Language", "el");
        var response = await admin.SendAsync(request);

        await response.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentLanguage.ShouldBeEmpty();
        response.Headers.Vary.ShouldNotContain("Accept-Language");
    }

    [Fact]
    public async Task MalformedJsonIsDescribedInTheRequestsLanguage()
    {
        using var admin = await Factory.AdminClientAsync();
        var (_, problem) = await Send(admin, HttpMethod.Post, "/api/v1/customers", "el", HttpStatusCode.BadRequest, Http.Json("""{"name": 5}"""));

        problem.GetProperty("title").GetString().ShouldBe("Το αίτημα δεν είναι έγκυρο.");
        problem.GetProperty("detail").GetString().ShouldBe("Δεν ήταν δυνατή η ανάγνωση του σώματος JSON.");
        problem.GetProperty("errors").EnumerateObject().Single().Value[0].GetString().ShouldBe("Η τιμή έχει λάθος τύπο ή μορφή για αυτό το πεδίο.");
    }

    [Theory]
    [InlineData(null, "en", "The request is not valid.", "A name is required.", "The length of 'address.city' must be 100 characters or fewer. You entered 101 characters.")]
    [InlineData("de", "en", "The request is not valid.", "A name is required.", "The length of 'address.city' must be 100 characters or fewer. You entered 101 characters.")]
    [InlineData("pl", "pl", "Żądanie jest nieprawidłowe.", "Nazwa jest wymagana.", "Maksymalna liczba znaków w polu 'address.city': 100. Wprowadzono: 101.")]
    [InlineData("el", "el", "Το αίτημα δεν είναι έγκυρο.", "Το όνομα είναι υποχρεωτικό.", "Το πεδίο 'address.city' επιτρέπει έως 100 χαρακτήρες. Καταχωρίσατε 101 χαρακτήρες.")]
    [InlineData("pt-BR", "pt", "O pedido não é válido.", "O nome é obrigatório.", "O campo 'address.city' pode ter no máximo 100 caracteres. Introduziu 101 caracteres.")]
    [InlineData("ca", "ca", "La sol·licitud no és vàlida.", "El nom és obligatori.", "El camp 'address.city' pot tenir com a màxim 100 caràcters. N'heu introduït 101.")]
    public async Task A400NamesTheFieldsAsAlwaysAndWordsTheirMessagesInTheRequestsLanguage(string? language, string answered, string title, string name, string city)
    {
        using var admin = await Factory.AdminClientAsync();
        var city101 = new string('x', 101);
        var body = Http.Json($$"""{"name": "", "address": {"city": "{{city101}}" } }""");
        var (response, problem) = await Send(admin, HttpMethod.Post, "/api/v1/customers", language, HttpStatusCode.BadRequest, body);

        problem.GetProperty("title").GetString().ShouldBe(title);
        var errors = problem.GetProperty("errors");
        errors.EnumerateObject().Select(e => e.Name).Order().ShouldBe(["address.city", "name"]);
        errors.GetProperty("name")[0].GetString().ShouldBe(name);
        errors.GetProperty("address.city")[0].GetString().ShouldBe(city);
        ShouldSayLanguage(response, answered);
    }

    [Theory]
    [InlineData(null, "en", "Not found.", "Customer '{0}' was not found.")]
    [InlineData("de", "en", "Not found.", "Customer '{0}' was not found.")]
    [InlineData("pl", "pl", "Nie znaleziono.", "Nie znaleziono klienta '{0}'.")]
    [InlineData("el", "el", "Δεν βρέθηκε.", "Ο πελάτης '{0}' δεν βρέθηκε.")]
    [InlineData("pt-BR", "pt", "Não encontrado.", "O cliente '{0}' não foi encontrado.")]
    [InlineData("ca", "ca", "No s'ha trobat.", "No s'ha trobat el client '{0}'.")]
    public async Task A404IsInTheRequestsLanguage(string? language, string answered, string title, string detail)
    {
        using var admin = await Factory.AdminClientAsync();
        var id = Guid.CreateVersion7();
        var (response, problem) = await Send(admin, HttpMethod.Get, $"/api/v1/customers/{id}", language, HttpStatusCode.NotFound);

        problem.GetProperty("title").GetString().ShouldBe(title);
        problem.GetProperty("detail").GetString().ShouldBe(string.Format(System.Globalization.CultureInfo.InvariantCulture, detail, id));
        ShouldSayLanguage(response, answered);
    }

    [Theory]
    [InlineData(null, "en", "Conflict.", "A customer with this email already exists.")]
    [InlineData("de", "en", "Conflict.", "A customer with this email already exists.")]
    [InlineData("pl", "pl", "Konflikt.", "Klient z tym adresem e-mail już istnieje.")]
    [InlineData("el", "el", "Σύγκρουση.", "Υπάρχει ήδη πελάτης με αυτό το email.")]
    [InlineData("pt-BR", "pt", "Conflito.", "Já existe um cliente com este email.")]
    [InlineData("ca", "ca", "Conflicte.", "Ja existeix un client amb aquest correu electrònic.")]
    public async Task A409DuplicateEmailIsInTheRequestsLanguageAndStillNamesTheField(string? language, string answered, string title, string detail)
    {
        using var admin = await Factory.AdminClientAsync();
        var first = await (await admin.PostAsync("/api/v1/customers", Http.Json("""{"name": "A", "email": "a@x.test"}"""))).ShouldBe(HttpStatusCode.Created);
        var (response, problem) = await Send(admin, HttpMethod.Post, "/api/v1/customers", language, HttpStatusCode.Conflict,
            Http.Json("""{"name": "B", "email": "a@x.test"}"""));

        problem.GetProperty("title").GetString().ShouldBe(title);
        problem.GetProperty("detail").GetString().ShouldBe(detail);
        problem.GetProperty("field").GetString().ShouldBe("email");
        problem.GetProperty("existingId").GetString().ShouldBe(first.GetProperty("id").GetString());
        ShouldSayLanguage(response, answered);
    }

    [Theory]
    [InlineData(null, "en", "Unauthorized.", "The email or password is not correct.")]
    [InlineData("de", "en", "Unauthorized.", "The email or password is not correct.")]
    [InlineData("pl", "pl", "Brak autoryzacji.", "Nieprawidłowy e-mail lub hasło.")]
    [InlineData("el", "el", "Δεν έχετε εξουσιοδότηση.", "Το email ή ο κωδικός πρόσβασης δεν είναι σωστά.")]
    [InlineData("pt-BR", "pt", "Não autorizado.", "O email ou a palavra-passe não estão corretos.")]
    [InlineData("ca", "ca", "No autoritzat.", "El correu electrònic o la contrasenya no són correctes.")]
    public async Task ARefusedSignInIsInTheRequestsLanguage(string? language, string answered, string title, string detail)
    {
        using var anonymous = Factory.CreateClient();
        var (response, problem) = await Send(anonymous, HttpMethod.Post, "/api/v1/auth/token", language, HttpStatusCode.Unauthorized,
            Http.Json("""{"email": "nobody@crm.test", "password": "not the password"}"""));

        problem.GetProperty("title").GetString().ShouldBe(title);
        problem.GetProperty("detail").GetString().ShouldBe(detail);
        ShouldSayLanguage(response, answered);
    }

    [Fact]
    public async Task ABatchsItemErrorsAreInTheRequestsLanguageAndItsAnswerSaysSo()
    {
        using var admin = await Factory.AdminClientAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/customers/batch")
        {
            Content = Http.Json($$"""{"matchOn": "email", "items": [{"name": "A"}, {"name": "B", "email": "b@x.pl", "ownerId": "{{Guid.NewGuid()}}"}]}"""),
        };
        request.Headers.TryAddWithoutValidation("Accept-Language", "pl");
        var response = await admin.SendAsync(request);

        var body = await response.ShouldBe(HttpStatusCode.OK);
        body.GetRawText().ShouldContain("Wymagane: partia jest dopasowywana według email.");
        // An owner who is no user: checked after validation, in one query for the batch.
        body.GetProperty("results")[1].GetProperty("errors").GetProperty("ownerId")[0].GetString().ShouldBe("Żaden użytkownik nie ma tego identyfikatora.");
        response.Content.Headers.ContentLanguage.ShouldBe(["pl"]);
        response.Headers.Vary.ShouldContain("Accept-Language");
    }

    /// <summary>An upload refused outright is a 400 in the uploader's language, even when the file fails while its rows are staged.</summary>
    [Fact]
    public async Task AnImportRefusedAtUploadIsInTheUploadersLanguage()
    {
        using var admin = await Factory.AdminClientAsync();
        var (_, badMode) = await Send(admin, HttpMethod.Post, "/api/v1/imports?entity=customers&mode=sideways", "el", HttpStatusCode.BadRequest,
            new StringContent("name\nA\n", System.Text.Encoding.UTF8, "text/csv"));
        badMode.GetProperty("errors").GetProperty("mode")[0].GetString().ShouldBe("Χρησιμοποιήστε insert ή upsert.");

        var (_, unclosed) = await Send(admin, HttpMethod.Post, "/api/v1/imports?entity=customers&mode=insert", "pl", HttpStatusCode.BadRequest,
            new StringContent("Name,Email\nGood,u1@x.com\n\"Broken,u2@x.com\nGood Two,u3@x.com\n", System.Text.Encoding.UTF8, "text/csv"));
        unclosed.GetProperty("errors").GetProperty("file")[0].GetString().ShouldBe("Wiersz 3 otwiera komórkę w cudzysłowie, która nigdy nie zostaje zamknięta; nic nie zaimportowano.");
        var jobs = await (await admin.GetAsync("/api/v1/imports")).ShouldBe(HttpStatusCode.OK);
        jobs.GetProperty("items")[0].GetProperty("error").GetString().ShouldBe(
            "Nie udało się odczytać pliku: Wiersz 3 otwiera komórkę w cudzysłowie, która nigdy nie zostaje zamknięta; nic nie zaimportowano."); // kept with the job, in its language
    }

    [Theory]
    [InlineData(null, "The change conflicts with the record's state.", "An archived customer cannot be changed; restore it first.")]
    [InlineData("el", "Η αλλαγή συγκρούεται με την κατάσταση της εγγραφής.", "Ένας αρχειοθετημένος πελάτης δεν μπορεί να αλλάξει· επαναφέρετέ τον πρώτα.")]
    public async Task ADomainRefusalIsInTheRequestsLanguage(string? language, string title, string detail)
    {
        using var admin = await Factory.AdminClientAsync();
        var id = (await (await admin.PostAsync("/api/v1/customers", Http.Json("""{"name": "A"}"""))).JsonBody()).GetProperty("id").GetString();
        (await admin.DeleteAsync($"/api/v1/customers/{id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var (_, problem) = await Send(admin, HttpMethod.Patch, $"/api/v1/customers/{id}", language, HttpStatusCode.Conflict, Http.MergePatch(new { name = "x" }));
        problem.GetProperty("title").GetString().ShouldBe(title);
        problem.GetProperty("detail").GetString().ShouldBe(detail);
    }
}
