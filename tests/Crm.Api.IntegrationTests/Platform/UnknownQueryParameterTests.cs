using System.Net;
using System.Net.Http.Json;
using Crm.Api.IntegrationTests.Infrastructure;

namespace Crm.Api.IntegrationTests.Platform;

/// <summary>
/// A query parameter the address does not take is a 400 naming it and listing those it takes, as an unknown JSON field
/// is: a filter that was silently ignored answered everything, and the script that sent it believed it had filtered.
/// </summary>
public sealed class UnknownQueryParameterTests(CrmApiFactory factory) : ApiTest(factory)
{
    private const string CustomerListParameters =
        "limit, cursor, q, sort, kind, type, lifecycleStage, ownerId, tag, archived, includeTotal, customField";

    [Fact]
    public async Task ATypoOnTheCustomersListIs400NamingItAndListingWhatTheListTakes()
    {
        using var client = await Factory.AdminClientAsync();
        (await client.PostAsJsonAsync("/api/v1/customers", new { name = "Acme" })).StatusCode.ShouldBe(HttpStatusCode.Created);

        var problem = await (await client.GetAsync("/api/v1/customers?onwer=0193a1b2-0000-7000-8000-000000000001&limit=5"))
            .ShouldBeValidationProblem("onwer");

        problem.GetProperty("title").GetString().ShouldBe("The request is not valid.");
        problem.GetProperty("detail").GetString().ShouldBe("The query string holds a parameter this address does not take.");
        problem.GetProperty("errors").GetProperty("onwer")[0].GetString()
            .ShouldBe($"This address takes no such parameter; it takes {CustomerListParameters}.");
        problem.GetProperty("errors").EnumerateObject().Count().ShouldBe(1); // limit is one it takes
    }

    [Fact]
    public async Task AnAuditFilterTheLogDoesNotHaveIs400()
    {
        using var client = await Factory.AdminClientAsync();

        var problem = await (await client.GetAsync("/api/v1/audit?action=deleted&entityType=customer")).ShouldBeValidationProblem("action");

        problem.GetProperty("errors").GetProperty("action")[0].GetString()
            .ShouldBe("This address takes no such parameter; it takes entityType, entityId, actorId, limit, cursor.");
    }

    [Fact]
    public async Task EveryUnknownParameterIsNamedAndAnAddressThatTakesNoneSaysSo()
    {
        using var client = await Factory.AdminClientAsync();

        var problem = await (await client.GetAsync("/api/v1/me?fields=name&expand=roles")).ShouldBeValidationProblem("fields");
        var errors = problem.GetProperty("errors");
        errors.GetProperty("expand")[0].GetString().ShouldBe("This address takes no query parameters.");
        errors.GetProperty("fields")[0].GetString().ShouldBe("This address takes no query parameters.");
    }

    [Fact]
    public async Task AWriteWithAnUnknownParameterIsRefusedBeforeItWritesAnything()
    {
        using var client = await Factory.AdminClientAsync();

        await (await client.PostAsJsonAsync("/api/v1/customers?dryRun=true", new { name = "Acme" })).ShouldBeValidationProblem("dryRun");

        (await Factory.ScalarAsync<long>("SELECT count(*) FROM customers")).ShouldBe(0);
    }

    [Fact]
    public async Task AHeadRequestGetsThe400AsAGetWould()
    {
        using var client = await Factory.AdminClientAsync();

        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/api/v1/customers?onwer=x"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        (await response.Content.ReadAsByteArrayAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task KnownParametersStayAllowedRepeatedAndInAnyCase()
    {
        using var client = await Factory.AdminClientAsync();
        (await client.PostAsJsonAsync("/api/v1/custom-fields", new { entity = "customers", key = "sector", label = "Sector", type = "choice", options = new[] { "retail", "medical" } }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        (await client.PostAsJsonAsync("/api/v1/custom-fields", new { entity = "customers", key = "vip", label = "VIP", type = "boolean" }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        (await client.PostAsJsonAsync("/api/v1/customers", new { name = "Acme", customFields = new { sector = "retail", vip = true } }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        (await client.PostAsJsonAsync("/api/v1/customers", new { name = "Beta", customFields = new { sector = "retail", vip = false } }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);

        var page = await (await client.GetAsync("/api/v1/customers?customField=sector:retail&customField=vip:true&LIMIT=10&IncludeTotal=true"))
            .ShouldBe(HttpStatusCode.OK);
        page.GetProperty("total").GetInt32().ShouldBe(1);
        page.GetProperty("items")[0].GetProperty("name").GetString().ShouldBe("Acme");

        (await client.GetAsync("/api/v1/exports/customers?customField=sector:retail&customField=vip:false&format=json")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("el", "Το αίτημα δεν είναι έγκυρο.", "Η συμβολοσειρά ερωτήματος περιέχει παράμετρο που αυτή η διεύθυνση δεν δέχεται.",
        "Αυτή η διεύθυνση δεν δέχεται τέτοια παράμετρο· δέχεται " + CustomerListParameters + ".")]
    [InlineData("pl", "Żądanie jest nieprawidłowe.", "Ciąg zapytania zawiera parametr, którego ten adres nie przyjmuje.",
        "Ten adres nie przyjmuje takiego parametru; przyjmuje " + CustomerListParameters + ".")]
    public async Task TheProblemIsInTheRequestsLanguageAndTheParameterKeepsItsName(string language, string title, string detail, string message)
    {
        using var client = await Factory.AdminClientAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/customers?τύπος=customer");
        request.Headers.TryAddWithoutValidation("Accept-Language", language);

        using var response = await client.SendAsync(request);

        var problem = await response.ShouldBeValidationProblem("τύπος");
        response.Content.Headers.ContentLanguage.ShouldBe([language]);
        problem.GetProperty("title").GetString().ShouldBe(title);
        problem.GetProperty("detail").GetString().ShouldBe(detail);
        problem.GetProperty("errors").GetProperty("τύπος")[0].GetString().ShouldBe(message);
    }

    [Fact]
    public async Task AuthenticationComesFirst()
    {
        using var anonymous = Factory.CreateClient();

        await (await anonymous.GetAsync("/api/v1/customers?onwer=x")).ShouldBeProblem(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("/health/live?probe=lb-1", HttpStatusCode.OK)]
    [InlineData("/health/ready?probe=lb-1", HttpStatusCode.OK)]
    [InlineData("/openapi/v1.json?v=2", HttpStatusCode.OK)]
    [InlineData("/api/v1/no-such-thing?x=1", HttpStatusCode.NotFound)]
    public async Task HealthChecksTheDocumentAndUnknownAddressesAreNotChecked(string url, HttpStatusCode status)
    {
        using var client = await Factory.AdminClientAsync();

        (await client.GetAsync(url)).StatusCode.ShouldBe(status);
    }
}
