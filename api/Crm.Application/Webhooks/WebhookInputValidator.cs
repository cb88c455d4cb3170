using System.Net;
using System.Net.Sockets;
using Crm.Application.Common;
using Crm.Contracts.Webhooks;
using Crm.Domain.Webhooks;
using FluentValidation;

namespace Crm.Application.Webhooks;

public sealed class WebhookInputValidator : AbstractValidator<WebhookInput>
{
    public const int MinSecretLength = 24;

    public WebhookInputValidator(WebhookOptions options)
    {
        RuleFor(x => x.Url).NotEmpty().MaximumLength(2000);
        RuleFor(x => x.Url).CustomAsync(async (url, context, ct) =>
        {
            if (!string.IsNullOrWhiteSpace(url) && url.Length <= 2000 && await WebhookUrls.ProblemAsync(url, options.AllowPrivateTargets, ct) is { } problem)
            {
                context.AddFailure(problem);
            }
        });
        RuleFor(x => x.Events).NotEmpty().WithText("validation.eventsRequired");
        RuleForEach(x => x.Events)
            .Must(e => e == WebhookSubscription.AllEvents || WebhookEvents.IsKnown(e))
            .WithText("validation.unknownEvent", ("events", string.Join(", ", WebhookEvents.Types)));
        RuleFor(x => x.Secret).MinimumLength(MinSecretLength).MaximumLength(200)
            .Must(s => s!.All(c => c > ' ' && c < 127)).WithText("validation.printableAscii")
            .When(x => x.Secret is not null);
        RuleFor(x => x.Description).MaximumLength(500);
    }
}

/// <summary>Which URLs a subscription may target (checked again, on the connected address, at delivery).</summary>
public static class WebhookUrls
{
    private static readonly TimeSpan ResolveTimeout = TimeSpan.FromSeconds(3);

    /// <summary>The reason the URL is refused, judging only its text; null when it may be fine.</summary>
    public static string? Problem(string url, bool allowPrivate)
    {
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            return Texts.Get("validation.url.absolute");
        }

        if (uri.Scheme != Uri.UriSchemeHttps && !(allowPrivate && uri.Scheme == Uri.UriSchemeHttp))
        {
            return Texts.Get("validation.url.https");
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            return Texts.Get("validation.url.credentials");
        }

        if (uri.Port == 0)
        {
            // Nothing listens on port 0: every delivery would fail until the subscription is switched off.
            return Texts.Get("validation.url.portZero");
        }

        if (!allowPrivate && (WebhookTargets.IsLocalHostName(uri.IdnHost)
            || (IPAddress.TryParse(WebhookTargets.WithoutRootDot(uri.IdnHost), out var ip) && WebhookTargets.IsForbidden(ip))))
        {
            return Texts.Get("validation.url.internal");
        }

        return null;
    }

    /// <summary><see cref="Problem"/>, plus: a host name must not resolve to an internal address.</summary>
    public static async Task<string?> ProblemAsync(string url, bool allowPrivate, CancellationToken ct)
    {
        if (Problem(url, allowPrivate) is { } problem)
        {
            return problem;
        }

        var host = new Uri(url.Trim()).IdnHost;
        if (allowPrivate || IPAddress.TryParse(WebhookTargets.WithoutRootDot(host), out _))
        {
            return null;
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(ResolveTimeout);
            var addresses = await Dns.GetHostAddressesAsync(host, timeout.Token);
            // Unresolvable now is not refused: DNS may be set up later, and the delivery checks the address it connects to.
            return addresses.Any(WebhookTargets.IsForbidden)
                ? Texts.Get("validation.url.resolvesInternal")
                : null;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            return null;
        }
    }
}
