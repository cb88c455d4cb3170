using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Crm.Api.IntegrationTests.Infrastructure;
using Npgsql;

namespace Crm.Api.IntegrationTests.Customers;

public sealed class CustomerCrudTests(CrmApiFactory factory) : ApiTest(factory)
{
    private static object Body(string name = "Zakład Łódzki Żółć", string? email = "Biuro@Zaklad-Lodzki.PL ", string? externalId = null) => new
    {
        kind = "company",
        name,
        email,
        phone = "42 123 45 67",
        website = "WWW.Zaklad-Lodzki.pl/",
        type = "customer",
        lifecycleStage = "opportunity",
        tags = new[] { "vip", "pl" },
        externalId,
        address = new { line1 = "ul. Piotrkowska 1", city = "Łódź", postalCode = "90-001", country = "pl" },
    };

    [Fact]
    public async Task CreateReturns201WithLocationETagAndNormalisedFields()
    {
        using var client = await Factory.AdminClientAsync();
        var response = await client.PostAsJsonAsync("/api/v1/customers", Body());

        var customer = await response.ShouldBe(HttpStatusCode.Created);
        response.Headers.Location!.ToString().ShouldBe($"/api/v1/customers/{customer.GetProperty("id").GetString()}");
        response.Headers.ETag.ShouldNotBeNull();
        response.Headers.ETag!.IsWeak.ShouldBeFalse();
        customer.GetProperty("email").GetString().ShouldBe("biuro@zaklad-lodzki.pl");
        customer.GetProperty("phone").GetString().ShouldBe("+48421234567");
        customer.GetProperty("website").GetString().ShouldBe("https://www.zaklad-lodzki.pl");
        customer.GetProperty("address").GetProperty("country").GetString().ShouldBe("PL");
        customer.GetProperty("kind").GetString().ShouldBe("company");
        customer.GetProperty("lifecycleStage").GetString().ShouldBe("opportunity");
        Guid.Parse(customer.GetProperty("id").GetString()!).Version.ShouldBe(7);
    }

    [Fact]
    public async Task CreateStoresTheRowAndItsAuditEntryTogether()
    {
        using var client = await Factory.AdminClientAsync();
        var created = await (await client.PostAsJsonAsync("/api/v1/customers", Body())).ShouldBe(HttpStatusCode.Created);
        var id = Guid.Parse(created.GetProperty("id").GetString()!);

        await using var db = new NpgsqlConnection(Factory.ConnectionString);
        await db.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT count(*) FROM audit_entries WHERE entity_id = @id AND action = 'created' AND entity_type = 'customer'", db);
        cmd.Parameters.AddWithValue("id", id);
        ((long)(await cmd.ExecuteScalarAsync())!).ShouldBe(1);
    }

    [Theory]
    [InlineData("""{"name":""}""", "name")]
    [InlineData("""{"name":"A","email":"not-an-email"}""", "email")]
    [InlineData("""{"name":"A","phone":"12"}""", "phone")]
    [InlineData("""{"name":"A","website":"ftp://x"}""", "website")]
    [InlineData("""{"name":"A","address":{"country":"XX"}}""", "address.country")]
    [InlineData("""{"name":"A","kind":"planet"}""", "kind")]
    [InlineData("""{"name":"A","tags":[""]}""", "tags[0]")]
    public async Task CreateReturns400NamingTheField(string json, string field)
    {
        using var client = await Factory.AdminClientAsync();
        var response = await client.PostAsync("/api/v1/customers", Http.Json(json));
        await response.ShouldBeValidationProblem(field);
    }

    [Fact]
    public async Task Returns401WithoutAToken()
    {
        using var client = Factory.CreateClient();
        (await client.GetAsync("/api/v1/customers")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        await (await client.PostAsJsonAsync("/api/v1/customers", Body())).ShouldBeProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Returns403ForARoleWithoutTheRight()
    {
        using var readOnly = await Factory.ClientWithRoleAsync("ReadOnly");
        (await readOnly.GetAsync("/api/v1/customers")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await readOnly.PostAsJsonAsync("/api/v1/customers", Body())).ShouldBeProblem(HttpStatusCode.Forbidden);

        using var employee = await Factory.ClientWithRoleAsync("Employee");
        await (await employee.GetAsync("/api/v1/customers")).ShouldBeProblem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Returns404ForAnUnknownCustomer()
    {
        using var client = await Factory.AdminClientAsync();
        var id = Guid.CreateVersion7();
        await (await client.GetAsync($"/api/v1/customers/{id}")).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await client.PutAsJsonAsync($"/api/v1/customers/{id}", Body())).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await client.PatchAsync($"/api/v1/customers/{id}", Http.MergePatch(new { name = "x" }))).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await client.DeleteAsync($"/api/v1/customers/{id}")).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await client.PostAsync($"/api/v1/customers/{id}/restore", null)).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await client.GetAsync($"/api/v1/customers/{id}/contacts")).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await client.GetAsync("/api/v1/nothing-here")).ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Returns409LinkingTheExistingCustomerOnDuplicateEmail()
    {
        using var client = await Factory.AdminClientAsync();
        var first = await (await client.PostAsJsonAsync("/api/v1/customers", Body())).ShouldBe(HttpStatusCode.Created);
        var id = first.GetProperty("id").GetString();

        var response = await client.PostAsJsonAsync("/api/v1/customers", Body(name: "Another", email: "BIURO@zaklad-lodzki.pl"));

        var problem = await response.ShouldBeProblem(HttpStatusCode.Conflict);
        problem.GetProperty("existingId").GetString().ShouldBe(id);
        problem.GetProperty("existingUrl").GetString().ShouldBe($"/api/v1/customers/{id}");
        problem.GetProperty("field").GetString().ShouldBe("email");
    }

    [Fact]
    public async Task SimultaneousCreatesWithOneEmailMakeOneCustomerAndLinkTheOthersToIt()
    {
        using var client = await Factory.AdminClientAsync();
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            client.PostAsJsonAsync("/api/v1/customers", Body(name: $"Racer {i}", email: "race@zaklad-lodzki.pl"))));

        responses.Count(r => r.StatusCode == HttpStatusCode.Created).ShouldBe(1);
        var winner = await responses.Single(r => r.StatusCode == HttpStatusCode.Created).JsonBody();
        foreach (var loser in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            var problem = await loser.ShouldBeProblem(HttpStatusCode.Conflict);
            problem.GetProperty("existingId").GetString().ShouldBe(winner.GetProperty("id").GetString());
            problem.GetProperty("field").GetString().ShouldBe("email");
        }

        await using var db = new NpgsqlConnection(Factory.ConnectionString);
        await db.OpenAsync();
        await using var cmd = new NpgsqlCommand("""
            SELECT (SELECT count(*) FROM customers WHERE name LIKE 'Racer %')
                 + (SELECT count(*) FROM audit_entries a WHERE a.entity_type = 'customer' AND a.action = 'created'
                      AND NOT EXISTS (SELECT 1 FROM customers c WHERE c.id = a.entity_id))
            """, db);
        ((long)(await cmd.ExecuteScalarAsync())!).ShouldBe(1);
    }

    [Fact]
    public async Task Returns409LinkingTheExistingCustomerOnDuplicateExternalId()
    {
        using var client = await Factory.AdminClientAsync();
        var first = await (await client.PostAsJsonAsync("/api/v1/customers", Body(email: null, externalId: "ERP-1"))).ShouldBe(HttpStatusCode.Created);

        var problem = await (await client.PostAsJsonAsync("/api/v1/customers", Body(name: "B", email: null, externalId: "ERP-1"))).ShouldBeProblem(HttpStatusCode.Conflict);

        problem.GetProperty("existingId").GetString().ShouldBe(first.GetProperty("id").GetString());
        problem.GetProperty("field").GetString().ShouldBe("externalId");
    }

    [Fact]
    public async Task PutReplacesAndReturnsANewETag()
    {
        using var client = await Factory.AdminClientAsync();
        var created = await client.PostAsJsonAsync("/api/v1/customers", Body());
        var id = (await created.JsonBody()).GetProperty("id").GetString();

        var response = await client.SendWith(HttpMethod.Put, $"/api/v1/customers/{id}", JsonContent.Create(new { name = "Renamed", type = "partner" }), ifMatch: created.ETag());

        var body = await response.ShouldBe(HttpStatusCode.OK);
        body.GetProperty("name").GetString().ShouldBe("Renamed");
        body.GetProperty("email").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null); // PUT replaces every field
        response.ETag().ShouldNotBe(created.ETag());
    }

    [Fact]
    public async Task PatchChangesOnlyThePresentFieldsAndNullClears()
    {
        using var client = await Factory.AdminClientAsync();
        var created = await client.PostAsJsonAsync("/api/v1/customers", Body());
        var id = (await created.JsonBody()).GetProperty("id").GetString();

        var response = await client.SendWith(HttpMethod.Patch, $"/api/v1/customers/{id}", Http.MergePatch(new { name = "Żółć 2", phone = (string?)null }), ifMatch: created.ETag());

        var body = await response.ShouldBe(HttpStatusCode.OK);
        body.GetProperty("name").GetString().ShouldBe("Żółć 2");
        body.GetProperty("phone").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        body.GetProperty("email").GetString().ShouldBe("biuro@zaklad-lodzki.pl");
        body.GetProperty("tags").GetArrayLength().ShouldBe(2);
    }

    [Fact]
    public async Task TakingAnotherCustomersEmailIs409LinkingItAndChangesNothing()
    {
        using var client = await Factory.AdminClientAsync();
        var first = await (await client.PostAsJsonAsync("/api/v1/customers", Body())).ShouldBe(HttpStatusCode.Created);
        var second = await client.PostAsJsonAsync("/api/v1/customers", Body(name: "Second", email: "second@example.pl"));
        var secondId = (await second.JsonBody()).GetProperty("id").GetString();

        var response = await client.SendWith(HttpMethod.Patch, $"/api/v1/customers/{secondId}", Http.MergePatch(new { name = "Renamed", email = "biuro@zaklad-lodzki.pl" }), ifMatch: second.ETag());

        var problem = await response.ShouldBeProblem(HttpStatusCode.Conflict);
        problem.GetProperty("existingId").GetString().ShouldBe(first.GetProperty("id").GetString());
        problem.GetProperty("field").GetString().ShouldBe("email");
        var stored = await (await client.GetAsync($"/api/v1/customers/{secondId}")).JsonBody();
        stored.GetProperty("name").GetString().ShouldBe("Second");
        stored.GetProperty("email").GetString().ShouldBe("second@example.pl");
    }

    [Fact]
    public async Task AChangeOfTagsAloneIsSavedAndAudited()
    {
        using var client = await Factory.AdminClientAsync();
        var created = await client.PostAsJsonAsync("/api/v1/customers", Body());
        var id = (await created.JsonBody()).GetProperty("id").GetString();

        var patched = await client.SendWith(HttpMethod.Patch, $"/api/v1/customers/{id}", Http.MergePatch(new { tags = new[] { "pl", "Export" } }), ifMatch: created.ETag());
        await patched.ShouldBe(HttpStatusCode.OK);
        patched.ETag().ShouldNotBe(created.ETag());

        var stored = await (await client.GetAsync($"/api/v1/customers/{id}")).JsonBody();
        stored.GetProperty("tags").EnumerateArray().Select(t => t.GetString()).ShouldBe(["pl", "Export"]);
        var audit = await (await client.GetAsync($"/api/v1/audit?entityType=customer&entityId={id}")).JsonBody();
        audit.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("action").GetString()).ShouldBe(["updated", "created"]);
    }

    [Fact]
    public async Task AnOwnerMustBeAUserOnCreateReplacePatchAndBatch()
    {
        using var client = await Factory.AdminClientAsync();
        var me = (await (await client.GetAsync("/api/v1/me")).ShouldBe(HttpStatusCode.OK)).GetProperty("id").GetString();
        var stranger = Guid.NewGuid();

        var problem = await (await client.PostAsJsonAsync("/api/v1/customers", new { name = "Sem Dono", ownerId = stranger })).ShouldBeValidationProblem("ownerId");
        problem.GetProperty("errors").GetProperty("ownerId")[0].GetString().ShouldBe("No user has this id.");
        (await (await client.GetAsync("/api/v1/customers?q=dono")).JsonBody()).GetProperty("items").GetArrayLength().ShouldBe(0);

        var created = await client.PostAsJsonAsync("/api/v1/customers", new { name = "Com Dono", ownerId = me });
        var id = (await created.ShouldBe(HttpStatusCode.Created)).GetProperty("id").GetString();
        await (await client.SendWith(HttpMethod.Put, $"/api/v1/customers/{id}", JsonContent.Create(new { name = "Com Dono", ownerId = stranger }), ifMatch: created.ETag()))
            .ShouldBeValidationProblem("ownerId");
        await (await client.SendWith(HttpMethod.Patch, $"/api/v1/customers/{id}", Http.MergePatch(new { ownerId = stranger }), ifMatch: created.ETag()))
            .ShouldBeValidationProblem("ownerId");
        var kept = await (await client.GetAsync($"/api/v1/customers/{id}")).ShouldBe(HttpStatusCode.OK);
        kept.GetProperty("ownerId").GetString().ShouldBe(me);
        (await (await client.PatchAsync($"/api/v1/customers/{id}", Http.MergePatch(new { ownerId = (string?)null }))).ShouldBe(HttpStatusCode.OK))
            .GetProperty("ownerId").ValueKind.ShouldBe(JsonValueKind.Null);

        // A batch: the item naming a stranger is invalid, naming ownerId; the others are written.
        var batch = await (await client.PostAsJsonAsync("/api/v1/customers/batch", new
        {
            matchOn = "email",
            items = new object[]
            {
                new { name = "Dono Certo", email = "certo@dono.pt", ownerId = me },
                new { name = "Dono Errado", email = "errado@dono.pt", ownerId = stranger },
                new { name = "Sem Dono Nenhum", email = "nenhum@dono.pt" },
            },
        })).ShouldBe(HttpStatusCode.OK);
        batch.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("status").GetString()).ShouldBe(["created", "invalid", "created"]);
        batch.GetProperty("results")[1].GetProperty("errors").GetProperty("ownerId")[0].GetString().ShouldBe("No user has this id.");

        // The database refuses one too, whatever writes it.
        await using var db = new Npgsql.NpgsqlConnection(Factory.ConnectionString);
        await db.OpenAsync();
        await using var insert = new Npgsql.NpgsqlCommand(
            "INSERT INTO customers (id, kind, name, type, tags, search_text, owner_id, created_at, updated_at) VALUES (gen_random_uuid(), 'Company', 'x', 'Lead', '{}', 'x', @owner, now(), now())", db);
        insert.Parameters.AddWithValue("owner", stranger);
        (await Should.ThrowAsync<Npgsql.PostgresException>(() => insert.ExecuteNonQueryAsync())).ConstraintName.ShouldBe("fk_customers_users_owner_id");
    }

    [Fact]
    public async Task AWebsiteLongerThan500CharactersOnceNormalisedIs400OnCreateReplaceAndPatch()
    {
        // 412 characters as typed; each ą becomes %C4%85 in the canonical address, 2,420 characters in all.
        var website = "example.com/" + new string('ą', 400);
        using var client = await Factory.AdminClientAsync();

        var problem = await (await client.PostAsJsonAsync("/api/v1/customers", new { name = "Long site", website })).ShouldBeValidationProblem("website");
        problem.GetProperty("errors").GetProperty("website")[0].GetString()!.ShouldContain("500");

        var id = (await (await client.PostAsJsonAsync("/api/v1/customers", Body())).JsonBody()).GetProperty("id").GetString();
        await (await client.PutAsJsonAsync($"/api/v1/customers/{id}", new { name = "Long site", website })).ShouldBeValidationProblem("website");
        await (await client.PatchAsync($"/api/v1/customers/{id}", Http.MergePatch(new { website }))).ShouldBeValidationProblem("website");

        // Just under the limit once encoded is stored as is.
        var fits = "example.com/" + new string('ą', 80); // https://example.com/ + 80 × 6 = 500
        var created = await (await client.PostAsJsonAsync("/api/v1/customers", new { name = "Fits", website = fits })).ShouldBe(HttpStatusCode.Created);
        created.GetProperty("website").GetString()!.Length.ShouldBe(500);
    }

    [Fact]
    public async Task PatchValidatesLikePutAndRejectsUnknownFields()
    {
        using var client = await Factory.AdminClientAsync();
        var id = (await (await client.PostAsJsonAsync("/api/v1/customers", Body())).JsonBody()).GetProperty("id").GetString();

        await (await client.PatchAsync($"/api/v1/customers/{id}", Http.MergePatch(new { email = "nope" }))).ShouldBeValidationProblem("email");
        await (await client.PatchAsync($"/api/v1/customers/{id}", Http.MergePatch(new { colour = "red" }))).ShouldBeValidationProblem("colour");
        await (await client.PatchAsync($"/api/v1/customers/{id}", Http.Json("""{"name": 5}""", "application/merge-patch+json"))).ShouldBeValidationProblem("name");
        await (await client.PatchAsync($"/api/v1/customers/{id}", Http.Json("""{"name":"x"}""", "text/plain"))).ShouldBeProblem(HttpStatusCode.UnsupportedMediaType);
    }

    [Theory]
    [InlineData("type")]
    [InlineData("kind")]
    [InlineData("Type")] // members bind ignoring case, so the rule must too
    [InlineData("KIND")]
    public async Task PatchingARequiredFieldToNullIs400AndKeepsIt(string field)
    {
        using var client = await Factory.AdminClientAsync();
        var id = (await (await client.PostAsync("/api/v1/customers", Http.Json("""{"name":"Kept","kind":"person","type":"customer"}"""))).JsonBody()).GetProperty("id").GetString();

        var problem = await (await client.PatchAsync($"/api/v1/customers/{id}", Http.Json($$"""{"{{field}}":null}""", "application/merge-patch+json"))).ShouldBeValidationProblem(field.ToLowerInvariant());
        problem.GetProperty("errors").GetProperty(field.ToLowerInvariant())[0].GetString().ShouldBe($"{field.ToLowerInvariant()} cannot be removed; send a value.");
        var stored = await (await client.GetAsync($"/api/v1/customers/{id}")).JsonBody();
        stored.GetProperty("kind").GetString().ShouldBe("person");
        stored.GetProperty("type").GetString().ShouldBe("customer");
        // Optional fields still clear with null.
        await (await client.PatchAsync($"/api/v1/customers/{id}", Http.Json("""{"lifecycleStage":null,"email":null}""", "application/merge-patch+json"))).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Returns412OnAStaleIfMatch()
    {
        using var client = await Factory.AdminClientAsync();
        var created = await client.PostAsJsonAsync("/api/v1/customers", Body());
        var id = (await created.JsonBody()).GetProperty("id").GetString();
        var stale = created.ETag();
        (await client.SendWith(HttpMethod.Patch, $"/api/v1/customers/{id}", Http.MergePatch(new { name = "v2" }), ifMatch: stale)).StatusCode.ShouldBe(HttpStatusCode.OK);

        await (await client.SendWith(HttpMethod.Put, $"/api/v1/customers/{id}", JsonContent.Create(new { name = "v3" }), ifMatch: stale)).ShouldBeProblem(HttpStatusCode.PreconditionFailed);
        await (await client.SendWith(HttpMethod.Patch, $"/api/v1/customers/{id}", Http.MergePatch(new { name = "v3" }), ifMatch: stale)).ShouldBeProblem(HttpStatusCode.PreconditionFailed);
        await (await client.SendWith(HttpMethod.Delete, $"/api/v1/customers/{id}", ifMatch: stale)).ShouldBeProblem(HttpStatusCode.PreconditionFailed);
        await (await client.SendWith(HttpMethod.Patch, $"/api/v1/customers/{id}", Http.MergePatch(new { name = "v3" }), ifMatch: "W/\"1\"")).ShouldBeProblem(HttpStatusCode.PreconditionFailed);

        var current = await client.GetAsync($"/api/v1/customers/{id}");
        (await current.JsonBody()).GetProperty("name").GetString().ShouldBe("v2");
    }

    [Fact]
    public async Task OfTwoConcurrentUpdatesWithTheSameIfMatchExactlyOneSucceeds()
    {
        using var client = await Factory.AdminClientAsync();
        var created = await client.PostAsJsonAsync("/api/v1/customers", Body());
        var id = (await created.JsonBody()).GetProperty("id").GetString();
        var etag = created.ETag();

        for (var round = 0; round < 5; round++)
        {
            var current = await client.GetAsync($"/api/v1/customers/{id}");
            etag = current.ETag();
            var attempts = await Task.WhenAll(Enumerable.Range(0, 4).Select(i =>
                client.SendWith(HttpMethod.Patch, $"/api/v1/customers/{id}", Http.MergePatch(new { name = $"round {round} writer {i}" }), ifMatch: etag)));

            attempts.Count(r => r.StatusCode == HttpStatusCode.OK).ShouldBe(1);
            attempts.Count(r => r.StatusCode == HttpStatusCode.PreconditionFailed).ShouldBe(3);
        }
    }

    [Fact]
    public async Task GetHonoursIfNoneMatch()
    {
        using var client = await Factory.AdminClientAsync();
        var created = await client.PostAsJsonAsync("/api/v1/customers", Body());
        var id = (await created.JsonBody()).GetProperty("id").GetString();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/customers/{id}");
        request.Headers.TryAddWithoutValidation("If-None-Match", created.ETag());
        (await client.SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.NotModified);
    }

    [Fact]
    public async Task DeleteArchivesAndRestoreBringsBack()
    {
        using var client = await Factory.AdminClientAsync();
        var id = (await (await client.PostAsJsonAsync("/api/v1/customers", Body())).JsonBody()).GetProperty("id").GetString();

        (await client.DeleteAsync($"/api/v1/customers/{id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await client.DeleteAsync($"/api/v1/customers/{id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent); // idempotent
        var archived = await (await client.GetAsync($"/api/v1/customers/{id}")).ShouldBe(HttpStatusCode.OK);
        archived.GetProperty("archivedAt").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.String);
        (await (await client.GetAsync("/api/v1/customers")).JsonBody()).GetProperty("items").GetArrayLength().ShouldBe(0);
        (await (await client.GetAsync("/api/v1/customers?archived=true")).JsonBody()).GetProperty("items").GetArrayLength().ShouldBe(1);
        await (await client.PatchAsync($"/api/v1/customers/{id}", Http.MergePatch(new { name = "x" }))).ShouldBeProblem(HttpStatusCode.Conflict);

        var restored = await (await client.PostAsync($"/api/v1/customers/{id}/restore", null)).ShouldBe(HttpStatusCode.OK);
        restored.GetProperty("archivedAt").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        (await (await client.GetAsync("/api/v1/customers")).JsonBody()).GetProperty("items").GetArrayLength().ShouldBe(1);

        var audit = await (await client.GetAsync($"/api/v1/audit?entityType=customer&entityId={id}")).JsonBody();
        audit.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("action").GetString()).ShouldBe(["restored", "archived", "created"]);
    }

    [Fact]
    public async Task AnIdempotentRepeatReplaysTheFirstResponse()
    {
        using var client = await Factory.AdminClientAsync();
        var first = await client.SendWith(HttpMethod.Post, "/api/v1/customers", JsonContent.Create(Body()), idempotencyKey: "import-42");
        var second = await client.SendWith(HttpMethod.Post, "/api/v1/customers", JsonContent.Create(Body()), idempotencyKey: "import-42");

        second.StatusCode.ShouldBe(HttpStatusCode.Created);
        second.Headers.GetValues("Idempotent-Replayed").ShouldBe(["true"]);
        (await second.Content.ReadAsStringAsync()).ShouldBe(await first.Content.ReadAsStringAsync());
        second.Headers.Location.ShouldBe(first.Headers.Location);
        second.ETag().ShouldBe(first.ETag());
        (await (await client.GetAsync("/api/v1/customers?includeTotal=true")).JsonBody()).GetProperty("total").GetInt64().ShouldBe(1);
    }

    [Fact]
    public async Task AnIdempotencyKeyReusedWithAnotherBodyIs422()
    {
        using var client = await Factory.AdminClientAsync();
        (await client.SendWith(HttpMethod.Post, "/api/v1/customers", JsonContent.Create(Body()), idempotencyKey: "k1")).StatusCode.ShouldBe(HttpStatusCode.Created);
        var response = await client.SendWith(HttpMethod.Post, "/api/v1/customers", JsonContent.Create(Body(name: "Other", email: "other@x.pl")), idempotencyKey: "k1");
        await response.ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task ATooLongIdempotencyKeyIs400NamingTheHeaderAsSent()
    {
        using var client = await Factory.AdminClientAsync();
        var response = await client.SendWith(HttpMethod.Post, "/api/v1/customers", JsonContent.Create(Body()), idempotencyKey: new string('k', 201));
        var problem = await response.ShouldBeValidationProblem("Idempotency-Key");
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["Idempotency-Key"]);
        problem.GetProperty("title").GetString().ShouldBe("The request is not valid.");
        problem.TryGetProperty("traceId", out _).ShouldBeTrue();
        (await (await client.GetAsync("/api/v1/customers?includeTotal=true")).JsonBody()).GetProperty("total").GetInt64().ShouldBe(0);
    }

    [Fact]
    public async Task AFailedRequestDoesNotBurnItsIdempotencyKey()
    {
        using var client = await Factory.AdminClientAsync();
        (await client.SendWith(HttpMethod.Post, "/api/v1/customers", Http.Json("""{"name":""}"""), idempotencyKey: "k2")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await client.SendWith(HttpMethod.Post, "/api/v1/customers", Http.Json("""{"name":"Fixed"}"""), idempotencyKey: "k2")).StatusCode.ShouldBe(HttpStatusCode.Created);
    }
}
