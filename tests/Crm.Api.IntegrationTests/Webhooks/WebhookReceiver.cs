using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Crm.Api.IntegrationTests.Webhooks;

/// <summary>A real HTTP endpoint on 127.0.0.1 (Kestrel) that records every webhook request it gets.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private int count;

    private WebhookReceiver(WebApplication app) => this.app = app;

    public ConcurrentQueue<Received> Requests { get; } = new();

    /// <summary>Answers the n-th request (1-based) with this status; 200 by default.</summary>
    public Func<int, int> Status { get; set; } = _ => 200;

    public string Url { get; private set; } = string.Empty;

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hook", async (HttpContext http) =>
        {
            using var reader = new StreamReader(http.Request.Body);
            var body = await reader.ReadToEndAsync();
            var n = Interlocked.Increment(ref receiver.count);
            receiver.Requests.Enqueue(new Received(
                http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), body, DateTimeOffset.UtcNow));
            var status = receiver.Status(n);
            return Results.Text(status == 200 ? "ok" : "receiver is down", statusCode: status);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = address + "/hook";
        return receiver;
    }

    /// <summary>Waits until <paramref name="done"/> holds for the requests received, or fails after <paramref name="seconds"/>.</summary>
    public async Task WaitFor(Func<IReadOnlyCollection<Received>, bool> done, int seconds = 20)
    {
        var until = DateTimeOffset.UtcNow.AddSeconds(seconds);
        while (!done(Requests.ToArray()))
        {
            if (DateTimeOffset.UtcNow > until)
            {
                throw new TimeoutException($"The receiver got {Requests.Count} requests: {string.Join(", ", Requests.Select(r => r.Header("Crm-Event-Type")))}");
            }

            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    public sealed record Received(IReadOnlyDictionary<string, string> Headers, string Body, DateTimeOffset At)
    {
        public string Header(string name) => Headers.TryGetValue(name, out var value) ? value : string.Empty;
    }
}
