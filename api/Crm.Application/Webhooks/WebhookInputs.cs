using System.Security.Cryptography;
using Crm.Contracts.Webhooks;
using Crm.Domain.Webhooks;

namespace Crm.Application.Webhooks;

internal static class WebhookInputs
{
    public static string NewSecret() =>
        WebhookSubscription.SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Url(WebhookInput input) => input.Url!.Trim();

    public static string? Description(WebhookInput input) => string.IsNullOrWhiteSpace(input.Description) ? null : input.Description.Trim();

    /// <summary>The subscription as its PUT body (for merge-patch); the secret is left out, so a patch without it keeps it.</summary>
    public static WebhookInput ToInput(WebhookSubscription s) => new()
    {
        Url = s.Url,
        Events = s.Events,
        Description = s.Description,
        Active = s.Active,
    };
}
