using Crm.Domain.Common;

namespace Crm.Domain.Exports;

/// <summary>
/// A short-lived, single-use download link for an export, so a browser can save the file itself (a plain link carries
/// no bearer token). Only the SHA-256 hash of its token is stored; <see cref="Export"/> is what the user asked for, as
/// JSON (the entity, the format and the normalised filters), run as that user when the link is used.
/// </summary>
public sealed class ExportLink : Entity
{
    private ExportLink()
    {
    }

    public Guid UserId { get; private set; }

    /// <summary>
    /// The API token the link was made with, or null when a signed-in person made it: the download then needs the token
    /// to hold still (not revoked, not expired, still with its scope), as every request made with it does.
    /// </summary>
    public Guid? ApiTokenId { get; private set; }

    public string TokenHash { get; private set; } = string.Empty;

    public string Export { get; private set; } = string.Empty;

    public DateTimeOffset ExpiresAt { get; private set; }

    /// <summary>When the download started; a link is used once.</summary>
    public DateTimeOffset? UsedAt { get; private set; }

    public static ExportLink Issue(Guid userId, Guid? apiTokenId, string tokenHash, string export, DateTimeOffset expiresAt) =>
        new() { UserId = userId, ApiTokenId = apiTokenId, TokenHash = tokenHash, Export = export, ExpiresAt = expiresAt };

    public bool IsUsable(DateTimeOffset now) => UsedAt is null && ExpiresAt > now;
}
