namespace Crm.Contracts.Exports;

/// <summary>A single-use download link for an export.</summary>
public sealed record ExportLinkResponse
{
    /// <summary>
    /// Where the file downloads, a path on this API: a GET without Authorization, once, before <see cref="ExpiresAt"/>.
    /// It holds a secret token: hand it to the browser or to curl, do not log or share it.
    /// </summary>
    /// <example>/api/v1/exports/downloads/crm_dl_Q2hhbmdlIG1lIGFuZCBJIHdpbGwgZ28gYXdheQ</example>
    public string Url { get; init; } = string.Empty;

    /// <summary>When the link stops working (UTC), 60 s after it was made unless the operator set another lifetime.</summary>
    public DateTimeOffset ExpiresAt { get; init; }
}
