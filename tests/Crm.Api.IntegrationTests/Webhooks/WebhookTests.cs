using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Crm.Api.IntegrationTests.Infrastructure;
using Crm.Application.Webhooks;
using Crm.Domain.Webhooks;
using Crm.Infrastructure.Webhooks;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Api.IntegrationTests.Webhooks;

public sealed class WebhookTests(CrmApiFactory factory) : ApiTest(factory)
{
    private const string Secret = "whsec_test-secret-0123456789abcdefghij";

    private static async Task<JsonElement> Subscribe(HttpClient client, string url, string[] events, string? secret = Secret)
    {
        var created = await (await client.PostAsJsonAsync("/api/v1/webhooks", new { url, events, secret })).ShouldBe(HttpStatusCode.Created);
        return created.GetProperty("webhook");
    }

    private static async Task<JsonElement[]> Deliveries(HttpClient client, string webhookId, string? status = null)
    {
        var page = await (await client.GetAsync($"/api/v1/webhooks/{webhookId}/deliveries" + (status is null ? string.Empty : "?status=" + status))).ShouldBe(HttpStatusCode.OK);
        return [.. page.GetProperty("items").EnumerateArray()];
    }

    private static async Task<JsonElement> WaitForDelivery(HttpClient client, string webhookId, Func<JsonElement, bool> done, int seconds = 20)
    {
        var until = DateTimeOffset.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var found = (await Deliveries(client, webhookId)).FirstOrDefault(done);
            if (found.ValueKind != JsonValueKind.Undefined)
            {
                return found;
            }

            if (DateTimeOffset.UtcNow > until)
            {
                throw new TimeoutException(string.Join("\n", (await Deliveries(client, webhookId)).Select(d => d.ToString())));
            }

            await Task.Delay(100);
        }
    }

    /// <summary>What a partner's receiver does, written independently of the API's code.</summary>
    private static bool SignatureIsValid(WebhookReceiver.Received request, string secret)
    {
        var parts = request.Header("Crm-Signature").Split(',').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        var t = long.Parse(parts["t"], CultureInfo.InvariantCulture);
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(secret));
        var expected = Convert.ToHexString(hmac.ComputeHash(Encoding.UTF8.GetBytes($"{t}.{request.Body}"))).ToLowerInvariant();
        return Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - t) < 300
            && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(parts["v1"]));
    }

    private async Task<HttpClient> ClientOf(WebApplicationFactory<Program> host)
    {
        using var admin = await Factory.AdminClientAsync();
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = admin.DefaultRequestHeaders.Authorization;
        return client;
    }

    [Fact]
    public async Task CreateRefusesInternalTargetsPlainHttpUnknownEventsAndShortSecrets()
    {
        await using var strict = Factory.WithWebHostBuilder(b => b.UseSetting("Webhooks:AllowPrivateTargets", "false"));
        using var admin = await ClientOf(strict);

        foreach (var url in new[]
                 {
                     "https://127.0.0.1/hook", "https://10.1.2.3/hook", "https://169.254.169.254/latest/meta-data", "https://[::1]/hook",
                     "https://[fc00::1]/hook", "https://192.168.1.10/hook", "https://100.64.0.1/hook", "https://[::ffff:127.0.0.1]/hook",
                     "https://localhost/hook", "http://93.184.215.14/hook", "ftp://93.184.215.14/hook", "not a url",
                     // A name may end with the root's dot: the same hosts, which no resolver here may know.
                     "https://localhost./hook", "https://127.0.0.1./hook", "https://10.1.2.3./hook",
                 })
        {
            await (await admin.PostAsJsonAsync("/api/v1/webhooks", new { url, events = new[] { "*" } })).ShouldBeValidationProblem("url");
        }

        var unknown = await (await admin.PostAsJsonAsync("/api/v1/webhooks", new { url = "https://93.184.215.14/hook", events = new[] { "customer.created", "customer.exploded" } }))
            .ShouldBeValidationProblem("events[1]");
        unknown.GetProperty("errors").TryGetProperty("events[0]", out _).ShouldBeFalse();
        await (await admin.PostAsJsonAsync("/api/v1/webhooks", new { url = "https://93.184.215.14/hook", events = Array.Empty<string>() })).ShouldBeValidationProblem("events");
        await (await admin.PostAsJsonAsync("/api/v1/webhooks", new { url = "https://93.184.215.14/hook", events = new[] { "*" }, secret = "too-short" })).ShouldBeValidationProblem("secret");

        var created = await (await admin.PostAsJsonAsync("/api/v1/webhooks", new { url = "https://93.184.215.14/hook", events = new[] { "customer.created", "contact.archived" } }))
            .ShouldBe(HttpStatusCode.Created);
        var secret = created.GetProperty("secret").GetString()!;
        secret.ShouldStartWith("whsec_");
        secret.Length.ShouldBeGreaterThanOrEqualTo(40);
        created.GetProperty("webhook").GetProperty("events").EnumerateArray().Select(e => e.GetString()).ShouldBe(["customer.created", "contact.archived"]);
        created.GetProperty("webhook").TryGetProperty("secret", out _).ShouldBeFalse();

        // The same rules on update.
        var id = created.GetProperty("webhook").GetProperty("id").GetString();
        await (await admin.SendWith(HttpMethod.Patch, $"/api/v1/webhooks/{id}", Http.MergePatch(new { url = "https://10.0.0.5/hook" }))).ShouldBeValidationProblem("url");
    }

    [Fact]
    public async Task OnlyAdminsAndTokensWithWebhooksManageMayManageWebhooks()
    {
        using var admin = await Factory.AdminClientAsync();
        async Task<HttpClient> Token(params string[] scopes)
        {
            var body = await (await admin.PostAsJsonAsync("/api/v1/api-tokens", new { name = "hooks", scopes })).ShouldBe(HttpStatusCode.Created);
            var client = Factory.CreateClient();
            client.Bearer(body.GetProperty("secret").GetString()!);
            return client;
        }

        using var readOnlyToken = await Token("customers:read", "customers:write");
        await (await readOnlyToken.GetAsync("/api/v1/webhooks")).ShouldBeProblem(HttpStatusCode.Forbidden);
        await (await readOnlyToken.PostAsJsonAsync("/api/v1/webhooks", new { url = "http://127.0.0.1:9/hook", events = new[] { "*" } })).ShouldBeProblem(HttpStatusCode.Forbidden);

        using var hooksToken = await Token("webhooks:manage");
        await (await hooksToken.PostAsJsonAsync("/api/v1/webhooks", new { url = "http://127.0.0.1:9/hook", events = new[] { "*" } })).ShouldBe(HttpStatusCode.Created);
        (await hooksToken.GetAsync("/api/v1/webhooks")).StatusCode.ShouldBe(HttpStatusCode.OK);

        using var sales = await Factory.ClientWithRoleAsync("Sales");
        await (await sales.GetAsync("/api/v1/webhooks")).ShouldBeProblem(HttpStatusCode.Forbidden);
        await (await sales.PostAsJsonAsync("/api/v1/webhooks", new { url = "http://127.0.0.1:9/hook", events = new[] { "*" } })).ShouldBeProblem(HttpStatusCode.Forbidden);
        await (await Factory.CreateClient().GetAsync("/api/v1/webhooks")).ShouldBeProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ACustomerCreateIsDeliveredAsCustomerCreatedWithAVerifiableSignature()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var admin = await Factory.AdminClientAsync();
        var hook = await Subscribe(admin, receiver.Url, ["customer.created"]);

        var created = await (await admin.PostAsJsonAsync("/api/v1/customers", new { name = "Zakład Łódzki", email = "biuro@zaklad.pl" })).ShouldBe(HttpStatusCode.Created);
        var customerId = created.GetProperty("id").GetString();
        await receiver.WaitFor(r => r.Count >= 1);

        var request = receiver.Requests.Single();
        request.Header("Crm-Event-Type").ShouldBe("customer.created");
        request.Header("User-Agent").ShouldBe("crm-webhooks/1");
        request.Header("Content-Type").ShouldStartWith("application/json");
        request.Header("Crm-Signature").ShouldMatch("^t=[0-9]+,v1=[0-9a-f]{64}$");
        SignatureIsValid(request, Secret).ShouldBeTrue();
        SignatureIsValid(request with { Body = request.Body.Replace("Zakład", "Zaklad", StringComparison.Ordinal) }, Secret).ShouldBeFalse();

        var body = JsonDocument.Parse(request.Body).RootElement;
        body.GetProperty("id").GetString().ShouldBe(request.Header("Crm-Event-Id"));
        body.GetProperty("type").GetString().ShouldBe("customer.created");
        body.GetProperty("occurredAt").GetDateTimeOffset().ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddMinutes(-1));
        var fetched = await (await admin.GetAsync($"/api/v1/customers/{customerId}")).ShouldBe(HttpStatusCode.OK);
        body.GetProperty("data").ToString().ShouldBe(fetched.ToString()); // the resource exactly as GET returns it

        // Not subscribed: updates are not delivered (and not written to the outbox either).
        await admin.SendWith(HttpMethod.Patch, $"/api/v1/customers/{customerId}", Http.MergePatch(new { type = "customer" }));
        await Task.Delay(800);
        receiver.Requests.Count.ShouldBe(1);

        var delivery = await WaitForDelivery(admin, hook.GetProperty("id").GetString()!, d => d.GetProperty("status").GetString() == "succeeded");
        delivery.GetProperty("eventId").GetString().ShouldBe(request.Header("Crm-Event-Id"));
        delivery.GetProperty("eventType").GetString().ShouldBe("customer.created");
        var attempt = delivery.GetProperty("attempts").EnumerateArray().Single();
        attempt.GetProperty("statusCode").GetInt32().ShouldBe(200);
        attempt.GetProperty("responseExcerpt").GetString().ShouldBe("ok");
    }

    [Fact]
    public async Task ChangesNoActiveSubscriptionWantsWriteNoOutboxRow()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var admin = await Factory.AdminClientAsync();

        // Nobody subscribed: the change is saved, the outbox stays empty.
        var lone = await (await admin.PostAsJsonAsync("/api/v1/customers", new { name = "Sem Assinantes Lda." })).ShouldBe(HttpStatusCode.Created);
        (await OutboxRows()).ShouldBe(0);

        // Subscribed to another type: still nothing for customers.
        var hook = await Subscribe(admin, receiver.Url, ["contact.created"]);
        var customer = await (await admin.PostAsJsonAsync("/api/v1/customers", new { name = "Κτηματική Αθηνών" })).ShouldBe(HttpStatusCode.Created);
        var id = customer.GetProperty("id").GetString();
        (await admin.SendWith(HttpMethod.Patch, $"/api/v1/customers/{id}", Http.MergePatch(new { type = "customer" }))).EnsureSuccessStatusCode();
        (await OutboxRows()).ShouldBe(0);

        // The wanted type is written and delivered.
        await (await admin.PostAsJsonAsync("/api/v1/contacts", new { customerId = id, firstName = "Νίκος" })).ShouldBe(HttpStatusCode.Created);
        (await OutboxRows()).ShouldBe(1);
        await receiver.WaitFor(r => r.Count >= 1);
        receiver.Requests.Single().Header("Crm-Event-Type").ShouldBe("contact.created");

        // A paused subscription wants nothing.
        var hookId = hook.GetProperty("id").GetString();
        var etag = (await admin.GetAsync($"/api/v1/webhooks/{hookId}")).ETag();
        await (await admin.SendWith(HttpMethod.Patch, $"/api/v1/webhooks/{hookId}", Http.MergePatch(new { active = false }), ifMatch: etag)).ShouldBe(HttpStatusCode.OK);
        await (await admin.PostAsJsonAsync("/api/v1/contacts", new { customerId = lone.GetProperty("id").GetString(), firstName = "Joana" })).ShouldBe(HttpStatusCode.Created);
        (await OutboxRows()).ShouldBe(1);
    }

    [Fact]
    public async Task ASubscriptionSavedOnAReplicaWakesItsWorkerToReadWhatIsWanted()
    {
        // Polling every ten minutes, this replica's worker reads the subscriptions again only when woken.
        await using var host = Factory.WithWebHostBuilder(b => b.UseSetting("Webhooks:PollInterval", "00:10:00"));
        using var client = await ClientOf(host);
        var demand = host.Services.GetRequiredService<WebhookDemand>();
        await Until(() => !demand.IsStale); // the first round at start
        demand.Wants("contact.created").ShouldBeFalse(); // nobody subscribed: changes wake nobody

        await using var receiver = await WebhookReceiver.StartAsync();
        await Subscribe(client, receiver.Url, ["contact.created"]);

        // Woken by the save, the worker has read the new subscription: a fresh reading that wants only its type.
        await Until(() => !demand.IsStale && demand.Wants("contact.created"));
        demand.Wants("customer.created").ShouldBeFalse();
    }

    private static async Task Until(Func<bool> done)
    {
        var until = DateTimeOffset.UtcNow.AddSeconds(10);
        while (!done())
        {
            DateTimeOffset.UtcNow.ShouldBeLessThan(until, "the webhook worker did not read the subscriptions in time");
            await Task.Delay(20);
        }
    }

    private Task<long> OutboxRows() => Factory.ScalarAsync<long>("SELECT count(*) FROM webhook_events");

    [Fact]
    public async Task AWildcardSubscriptionGetsEveryLifecycleEventOfCustomersAndContacts()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var admin = await Factory.AdminClientAsync();
        await Subscribe(admin, receiver.Url, ["*"]);

        var customer = await (await admin.PostAsJsonAsync("/api/v1/customers", new { name = "Αθηναϊκή Εμπορική" })).ShouldBe(HttpStatusCode.Created);
        var id = customer.GetProperty("id").GetString();
        (await admin.SendWith(HttpMethod.Patch, $"/api/v1/customers/{id}", Http.MergePatch(new { type = "customer" }))).EnsureSuccessStatusCode();
        (await admin.DeleteAsync($"/api/v1/customers/{id}")).EnsureSuccessStatusCode();
        (await admin.PostAsync($"/api/v1/customers/{id}/restore", null)).EnsureSuccessStatusCode();
        var contact = await (await admin.PostAsJsonAsync("/api/v1/contacts", new { customerId = id, firstName = "Ελένη" })).ShouldBe(HttpStatusCode.Created);
        (await admin.DeleteAsync($"/api/v1/contacts/{contact.GetProperty("id").GetString()}")).EnsureSuccessStatusCode();

        await receiver.WaitFor(r => r.Count >= 6);
        await Task.Delay(500);
        receiver.Requests.Select(r => r.Header("Crm-Event-Type")).Order().ShouldBe(
            new[] { "contact.archived", "contact.created", "customer.archived", "customer.created", "customer.restored", "customer.updated" });
        var archived = receiver.Requests.Single(r => r.Header("Crm-Event-Type") == "customer.archived");
        JsonDocument.Parse(archived.Body).RootElement.GetProperty("data").GetProperty("archivedAt").ValueKind.ShouldBe(JsonValueKind.String);
    }

    [Fact]
    public async Task AnOutageIsRetriedWithBackoffAndEveryAttemptIsLogged()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Status = n => n <= 2 ? 503 : 200;
        using var admin = await Factory.AdminClientAsync();
        var hook = await Subscribe(admin, receiver.Url, ["customer.created"]);

        await admin.PostAsJsonAsync("/api/v1/customers", new { name = "Retry Ltd" });
        await receiver.WaitFor(r => r.Count >= 3);

        var requests = receiver.Requests.ToArray();
        requests.Select(r => r.Header("Crm-Event-Id")).Distinct().Count().ShouldBe(1);
        requests.Select(r => r.Body).Distinct().Count().ShouldBe(1);
        // 200 ms after the first failure, 400 ms after the second (Webhooks:RetryBaseDelay in the tests).
        (requests[1].At - requests[0].At).ShouldBeGreaterThan(TimeSpan.FromMilliseconds(150));
        (requests[2].At - requests[1].At).ShouldBeGreaterThan(TimeSpan.FromMilliseconds(350));

        var delivery = await WaitForDelivery(admin, hook.GetProperty("id").GetString()!, d => d.GetProperty("status").GetString() == "succeeded");
        delivery.GetProperty("attemptCount").GetInt32().ShouldBe(3);
        var attempts = delivery.GetProperty("attempts").EnumerateArray().ToArray();
        attempts.Select(a => a.GetProperty("number").GetInt32()).ShouldBe([1, 2, 3]);
        attempts.Select(a => a.GetProperty("statusCode").GetInt32()).ShouldBe([503, 503, 200]);
        attempts[0].GetProperty("error").GetString().ShouldBe("HTTP 503");
        attempts[0].GetProperty("failure").GetString().ShouldBe("status");
        attempts[0].GetProperty("responseExcerpt").GetString().ShouldBe("receiver is down");
        attempts[2].GetProperty("error").ValueKind.ShouldBe(JsonValueKind.Null);
        attempts[2].GetProperty("failure").ValueKind.ShouldBe(JsonValueKind.Null);
        attempts.ShouldAllBe(a => a.GetProperty("durationMs").GetInt32() >= 0);
        (await Deliveries(admin, hook.GetProperty("id").GetString()!, "pending")).ShouldBeEmpty();
        await (await admin.GetAsync($"/api/v1/webhooks/{hook.GetProperty("id").GetString()}/deliveries?status=lost")).ShouldBeValidationProblem("status");
    }

    [Fact]
    public async Task AReplaySendsTheSameEventIdAndBodyAgain()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var admin = await Factory.AdminClientAsync();
        var hookId = (await Subscribe(admin, receiver.Url, ["customer.created"])).GetProperty("id").GetString()!;
        await admin.PostAsJsonAsync("/api/v1/customers", new { name = "Replay SA" });
        var first = await WaitForDelivery(admin, hookId, d => d.GetProperty("status").GetString() == "succeeded");

        var accepted = await (await admin.PostAsync($"/api/v1/webhooks/{hookId}/deliveries/{first.GetProperty("id").GetString()}/replay", null)).ShouldBe(HttpStatusCode.Accepted);
        accepted.GetProperty("eventId").GetString().ShouldBe(first.GetProperty("eventId").GetString());
        accepted.GetProperty("deliveryId").GetString().ShouldNotBe(first.GetProperty("id").GetString());
        await receiver.WaitFor(r => r.Count >= 2);

        var requests = receiver.Requests.ToArray();
        requests[1].Header("Crm-Event-Id").ShouldBe(requests[0].Header("Crm-Event-Id"));
        requests[1].Body.ShouldBe(requests[0].Body);
        SignatureIsValid(requests[1], Secret).ShouldBeTrue();

        await WaitForDelivery(admin, hookId, d => d.GetProperty("id").GetString() == accepted.GetProperty("deliveryId").GetString() && d.GetProperty("status").GetString() == "succeeded");
        var log = await Deliveries(admin, hookId);
        log.Length.ShouldBe(2);
        log[0].GetProperty("id").GetString().ShouldBe(accepted.GetProperty("deliveryId").GetString()); // newest first

        await (await admin.PostAsync($"/api/v1/webhooks/{hookId}/deliveries/{Guid.NewGuid()}/replay", null)).ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task APingGoesToThatSubscriptionOnly()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var admin = await Factory.AdminClientAsync();
        var pinged = await Subscribe(admin, receiver.Url + "?which=pinged", ["customer.created"]);
        await Subscribe(admin, receiver.Url + "?which=other", ["*"]);

        var accepted = await (await admin.PostAsync($"/api/v1/webhooks/{pinged.GetProperty("id").GetString()}/ping", null)).ShouldBe(HttpStatusCode.Accepted);
        accepted.GetProperty("deliveryId").GetString().ShouldNotBeNullOrEmpty();
        await receiver.WaitFor(r => r.Count >= 1);
        await Task.Delay(500);

        var request = receiver.Requests.Single();
        request.Header("Crm-Event-Type").ShouldBe("webhook.ping");
        SignatureIsValid(request, Secret).ShouldBeTrue();
        JsonDocument.Parse(request.Body).RootElement.GetProperty("data").GetProperty("id").GetString().ShouldBe(pinged.GetProperty("id").GetString());

        var delivery = await WaitForDelivery(admin, pinged.GetProperty("id").GetString()!, d => d.GetProperty("status").GetString() == "succeeded");
        delivery.GetProperty("id").GetString().ShouldBe(accepted.GetProperty("deliveryId").GetString());
        await (await admin.PostAsync($"/api/v1/webhooks/{Guid.NewGuid()}/ping", null)).ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TwoApiProcessesOnOneDatabaseDeliverEachEventOnce()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var second = Factory.WithWebHostBuilder(_ => { });
        using var one = await Factory.AdminClientAsync();
        using var two = await ClientOf(second);
        await Subscribe(one, receiver.Url, ["customer.created"]);

        await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            (i % 2 == 0 ? one : two).PostAsJsonAsync("/api/v1/customers", new { name = $"Replica customer {i}" })));
        await receiver.WaitFor(r => r.Select(x => x.Header("Crm-Event-Id")).Distinct().Count() >= 50, 60);
        await Task.Delay(1500); // time for a duplicate to show up, were there one

        var ids = receiver.Requests.Select(r => r.Header("Crm-Event-Id")).ToList();
        ids.Count.ShouldBe(50);
        ids.Distinct().Count().ShouldBe(50);
    }

    [Fact]
    public async Task ARetriedCreateWithTheSameIdempotencyKeyCreatesOneSubscription()
    {
        using var admin = await Factory.AdminClientAsync();
        const string body = """{"url":"http://127.0.0.1:9/hook","events":["*"]}""";
        var first = await admin.SendWith(HttpMethod.Post, "/api/v1/webhooks", Http.Json(body), idempotencyKey: "hook-1");
        var again = await admin.SendWith(HttpMethod.Post, "/api/v1/webhooks", Http.Json(body), idempotencyKey: "hook-1");

        var created = await first.ShouldBe(HttpStatusCode.Created);
        (await again.ShouldBe(HttpStatusCode.Created)).ToString().ShouldBe(created.ToString());
        again.Headers.GetValues("Idempotent-Replayed").Single().ShouldBe("true");
        (await (await admin.GetAsync("/api/v1/webhooks")).JsonBody()).GetProperty("items").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task SubscriptionsAreReadReplacedPatchedAndDeletedWithETags()
    {
        using var admin = await Factory.AdminClientAsync();
        var hook = await Subscribe(admin, "http://127.0.0.1:9/hook", ["customer.created"]);
        var id = hook.GetProperty("id").GetString();

        var get = await admin.GetAsync($"/api/v1/webhooks/{id}");
        var etag = get.ETag();
        (await get.ShouldBe(HttpStatusCode.OK)).TryGetProperty("secret", out _).ShouldBeFalse();

        var put = await admin.SendWith(HttpMethod.Put, $"/api/v1/webhooks/{id}",
            JsonContent.Create(new { url = "http://127.0.0.1:9/other", events = new[] { "contact.created" }, description = "CRM to ERP" }), ifMatch: etag);
        var replaced = await put.ShouldBe(HttpStatusCode.OK);
        replaced.GetProperty("url").GetString().ShouldBe("http://127.0.0.1:9/other");
        replaced.GetProperty("active").GetBoolean().ShouldBeTrue();

        await (await admin.SendWith(HttpMethod.Patch, $"/api/v1/webhooks/{id}", Http.MergePatch(new { active = false }), ifMatch: etag)).ShouldBeProblem(HttpStatusCode.PreconditionFailed);
        var patched = await (await admin.SendWith(HttpMethod.Patch, $"/api/v1/webhooks/{id}", Http.MergePatch(new { active = false }), ifMatch: put.ETag())).ShouldBe(HttpStatusCode.OK);
        patched.GetProperty("active").GetBoolean().ShouldBeFalse();
        patched.GetProperty("events").EnumerateArray().Single().GetString().ShouldBe("contact.created");
        await (await admin.PostAsync($"/api/v1/webhooks/{id}/ping", null)).ShouldBeProblem(HttpStatusCode.Conflict);

        var list = await (await admin.GetAsync("/api/v1/webhooks?limit=1")).ShouldBe(HttpStatusCode.OK);
        list.GetProperty("items").GetArrayLength().ShouldBe(1);

        (await admin.DeleteAsync($"/api/v1/webhooks/{id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await (await admin.GetAsync($"/api/v1/webhooks/{id}")).ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TheSecretNeverReachesTheAuditLogOrTheLogs()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var admin = await Factory.AdminClientAsync();
        var hook = await Subscribe(admin, receiver.Url, ["*"]);
        var id = hook.GetProperty("id").GetString();
        const string rotated = "whsec_rotated-secret-abcdefghijklmnop";
        (await admin.SendWith(HttpMethod.Patch, $"/api/v1/webhooks/{id}", Http.MergePatch(new { secret = rotated }))).EnsureSuccessStatusCode();
        await admin.PostAsync($"/api/v1/webhooks/{id}/ping", null);
        await receiver.WaitFor(r => r.Count >= 1);
        SignatureIsValid(receiver.Requests.Single(), rotated).ShouldBeTrue();

        var audit = await (await admin.GetAsync($"/api/v1/audit?entityId={id}")).ShouldBe(HttpStatusCode.OK);
        audit.GetProperty("items").GetArrayLength().ShouldBe(1); // created; a change of the secret alone is not audited
        audit.ToString().ShouldNotContain("whsec_");
        Factory.LogLines.ShouldNotContain(l => l.Contains(Secret, StringComparison.Ordinal) || l.Contains(rotated, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheSenderRefusesAnInternalAddressAtConnectTimeWhateverTheUrlSaid()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var sender = new WebhookSender(new WebhookOptions { AllowPrivateTargets = false }, TimeProvider.System);

        // "localhost" stands for a public name that DNS (re)binds to an internal address after the create-time check.
        foreach (var url in new[] { receiver.Url, receiver.Url.Replace("127.0.0.1", "localhost", StringComparison.Ordinal) })
        {
            var result = await sender.SendAsync(url, Guid.NewGuid(), "customer.created", "{}", Secret, CancellationToken.None);
            result.Succeeded.ShouldBeFalse();
            result.StatusCode.ShouldBeNull();
            result.Error.ShouldNotBeNull().ShouldContain("Refused");
            result.Failure.ShouldBe(WebhookFailure.Refused);
        }

        receiver.Requests.ShouldBeEmpty();

        using var permissive = new WebhookSender(new WebhookOptions { AllowPrivateTargets = true }, TimeProvider.System);
        (await permissive.SendAsync(receiver.Url, Guid.NewGuid(), "customer.created", "{}", Secret, CancellationToken.None)).Succeeded.ShouldBeTrue();
    }

    [Fact]
    public async Task EachFailureIsKeptAsAKindTheWebAppWordsInTheReadersLanguage()
    {
        var options = new WebhookOptions { AllowPrivateTargets = true, Timeout = TimeSpan.FromMilliseconds(500) };
        using var sender = new WebhookSender(options, TimeProvider.System);
        async Task<WebhookSendResult> Send(string url) => await sender.SendAsync(url, Guid.NewGuid(), "webhook.ping", "{}", Secret, CancellationToken.None);

        // Nothing listens on a port just freed: the connection is refused.
        var closed = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        closed.Start();
        var port = ((System.Net.IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        var refused = await Send($"http://127.0.0.1:{port}/hook");
        (refused.Failure, refused.StatusCode).ShouldBe((WebhookFailure.ConnectionFailed, (int?)null), refused.Error);

        // A listener that takes the connection and never answers: the timeout.
        var silent = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        silent.Start();
        try
        {
            var timedOut = await Send($"http://127.0.0.1:{((System.Net.IPEndPoint)silent.LocalEndpoint).Port}/hook");
            timedOut.Failure.ShouldBe(WebhookFailure.Timeout, timedOut.Error);
            timedOut.Error.ShouldBe("No answer within 0.5 s.");
        }
        finally
        {
            silent.Stop();
        }

        // A name no DNS resolves (.invalid is reserved for that), through the public-address check's own lookup.
        using var strict = new WebhookSender(new WebhookOptions { AllowPrivateTargets = false, Timeout = TimeSpan.FromSeconds(10) }, TimeProvider.System);
        var unknown = await strict.SendAsync("https://no-such-host.invalid/hook", Guid.NewGuid(), "webhook.ping", "{}", Secret, CancellationToken.None);
        unknown.Failure.ShouldBe(WebhookFailure.NameNotResolved, unknown.Error);

        // An answer other than 2xx.
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Status = _ => 410;
        var gone = await Send(receiver.Url);
        (gone.Failure, gone.StatusCode, gone.Error).ShouldBe((WebhookFailure.Status, (int?)410, "HTTP 410"));
    }
}
