using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Crm.Application.Webhooks;
using Crm.Domain.Webhooks;

namespace Crm.Infrastructure.Webhooks;

/// <summary>What one HTTP attempt came to.</summary>
public sealed record WebhookSendResult(bool Succeeded, int? StatusCode, int DurationMs, string? Error, string? ResponseExcerpt, WebhookFailure? Failure = null);

/// <summary>A webhook target resolved to, or connected to, an internal address.</summary>
public sealed class WebhookTargetRefusedException(string message) : Exception(message);

/// <summary>
/// POSTs one signed event. Unless private targets are allowed, the address is checked where it matters, on the
/// socket actually connected (so DNS rebinding between the create-time check and now cannot reach internal hosts);
/// no proxy and no redirects, for the same reason.
/// </summary>
public sealed class WebhookSender : IDisposable
{
    public const string UserAgent = "crm-webhooks/1";
    private readonly HttpClient client;
    private readonly TimeSpan timeout;
    private readonly TimeProvider clock;

    public WebhookSender(WebhookOptions options, TimeProvider clock)
    {
        this.clock = clock;
        timeout = options.Timeout;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            ConnectTimeout = options.Timeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        };
        if (!options.AllowPrivateTargets)
        {
            handler.ConnectCallback = ConnectToPublicAddressAsync;
        }

        client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public async Task<WebhookSendResult> SendAsync(string url, Guid eventId, string eventType, string body, string secret, CancellationToken ct)
    {
        var stopwatch = Stopwatch.StartNew();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
            request.Headers.Add("Crm-Event-Id", eventId.ToString());
            request.Headers.Add("Crm-Event-Type", eventType);
            request.Headers.Add(WebhookSignature.Header, WebhookSignature.Compute(secret, clock.GetUtcNow().ToUnixTimeSeconds(), body));
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token);
            var excerpt = await ReadExcerptAsync(response, cts.Token);
            var status = (int)response.StatusCode;
            var ok = status is >= 200 and < 300;
            return new WebhookSendResult(ok, status, Elapsed(stopwatch), ok ? null : $"HTTP {status}", excerpt, ok ? null : WebhookFailure.Status);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new WebhookSendResult(
                false, null, Elapsed(stopwatch), $"No answer within {timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s.", null, WebhookFailure.Timeout);
        }
        catch (HttpRequestException ex)
        {
            var refused = ex.InnerException as WebhookTargetRefusedException ?? ex.InnerException?.InnerException as WebhookTargetRefusedException;
            return new WebhookSendResult(
                false, null, Elapsed(stopwatch), Clip(refused?.Message ?? ex.Message, WebhookDeliveryAttempt.ErrorLength), null, refused is null ? Kind(ex) : WebhookFailure.Refused);
        }
        catch (Exception ex) when (ex is InvalidOperationException or UriFormatException or IOException)
        {
            return new WebhookSendResult(false, null, Elapsed(stopwatch), Clip(ex.Message, WebhookDeliveryAttempt.ErrorLength), null, WebhookFailure.Other);
        }
    }

    /// <summary>
    /// What kind of failure a request that got no answer met. The connect callback resolves names itself, so a name that
    /// does not resolve comes as its SocketException inside a connection error, not as a name resolution error.
    /// </summary>
    internal static WebhookFailure Kind(HttpRequestException ex)
    {
        for (Exception? inner = ex; inner is not null; inner = inner.InnerException)
        {
            switch (inner)
            {
                case SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain }:
                    return WebhookFailure.NameNotResolved;
                case System.Security.Authentication.AuthenticationException:
                    return WebhookFailure.SecureConnectionFailed;
            }
        }

        return ex.HttpRequestError switch
        {
            HttpRequestError.NameResolutionError => WebhookFailure.NameNotResolved,
            HttpRequestError.SecureConnectionError => WebhookFailure.SecureConnectionFailed,
            HttpRequestError.ConnectionError or HttpRequestError.ResponseEnded => WebhookFailure.ConnectionFailed,
            _ => WebhookFailure.Other,
        };
    }

    public void Dispose() => client.Dispose();

    private static async ValueTask<Stream> ConnectToPublicAddressAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var host = context.DnsEndPoint.Host.Trim('[', ']');
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        var allowed = addresses.Where(a => !WebhookTargets.IsForbidden(a)).ToArray();
        if (allowed.Length == 0)
        {
            throw new WebhookTargetRefusedException(
                $"Refused: {host} is an internal address ({string.Join(", ", addresses.Select(a => a.ToString()))}); set Webhooks__AllowPrivateTargets=true to allow it.");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, ct);
            if (socket.RemoteEndPoint is not IPEndPoint remote || WebhookTargets.IsForbidden(remote.Address))
            {
                throw new WebhookTargetRefusedException($"Refused: the connection to {host} reached an internal address.");
            }

            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static async Task<string?> ReadExcerptAsync(HttpResponseMessage response, CancellationToken ct)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        var buffer = new byte[WebhookDeliveryAttempt.ExcerptLength * 2];
        var read = 0;
        int n;
        while (read < buffer.Length && (n = await stream.ReadAsync(buffer.AsMemory(read), ct)) > 0)
        {
            read += n;
        }

        if (read == 0)
        {
            return null;
        }

        var text = Encoding.UTF8.GetString(buffer, 0, read);
        return Clip(text.Replace("\0", string.Empty, StringComparison.Ordinal), WebhookDeliveryAttempt.ExcerptLength);
    }

    private static string Clip(string text, int length) => text.Length <= length ? text : text[..length];

    private static int Elapsed(Stopwatch stopwatch) => (int)Math.Min(int.MaxValue, stopwatch.ElapsedMilliseconds);
}
