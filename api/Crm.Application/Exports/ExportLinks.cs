using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Crm.Application.Contacts.ListContacts;
using Crm.Application.Customers.ListCustomers;
using Microsoft.Extensions.Configuration;

namespace Crm.Application.Exports;

/// <summary>
/// What an export link downloads: the entity (the JSON's <c>entity</c>), the format (csv or json, already chosen from
/// <c>format</c> or Accept) and the filters, as checked when the link was made. Stored as JSON with the link.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "entity")]
[JsonDerivedType(typeof(CustomersExport), "customers")]
[JsonDerivedType(typeof(ContactsExport), "contacts")]
public abstract record ExportTarget(string Format);

public sealed record CustomersExport(string Format, CustomerFilter Filter) : ExportTarget(Format);

public sealed record ContactsExport(string Format, ContactFilter Filter) : ExportTarget(Format);

/// <summary>How long a new export link may wait for its download: <c>Exports:LinkLifetime</c> (a TimeSpan), 60 s by default.</summary>
public sealed record ExportLinkSettings(TimeSpan Lifetime)
{
    public static ExportLinkSettings From(IConfiguration configuration) =>
        new(TimeSpan.TryParse(configuration["Exports:LinkLifetime"], System.Globalization.CultureInfo.InvariantCulture, out var lifetime) && lifetime > TimeSpan.Zero
            ? lifetime
            : TimeSpan.FromSeconds(60));
}

internal static class ExportLinks
{
    /// <summary>The path of a link's download; the request log writes it with the token redacted.</summary>
    public const string DownloadPath = "/api/v1/exports/downloads/";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>256 random bits, URL-safe base64; "crm_dl_" lets secret scanners recognise a leaked one.</summary>
    public static string NewToken() =>
        "crm_dl_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public static string Write(ExportTarget target) => JsonSerializer.Serialize(target, Json);

    public static ExportTarget Read(string json) => JsonSerializer.Deserialize<ExportTarget>(json, Json)
        ?? throw new InvalidOperationException("An export link without an export.");
}
