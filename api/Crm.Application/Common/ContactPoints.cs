using System.Globalization;
using System.Text;
using PhoneNumbers;

namespace Crm.Application.Common;

/// <summary>Normalisation of emails, phones and websites at entry (one place, used by validators and handlers).</summary>
public static class ContactPoints
{
    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();

    [ThreadStatic]
    private static (string Phone, string? Region, bool Ok, string? E164)? lastPhone;

    public static string? NormalizeEmail(string? email) =>
        string.IsNullOrWhiteSpace(email) ? null : email.Trim().ToLowerInvariant();

    /// <summary>
    /// A user's sign-in email in one form, however it was typed: NFC; the local part lower-cased culture-invariantly,
    /// with the Turkish dotted capital İ as i (invariant lower-casing leaves it as it is, and a Turkish culture would
    /// turn I into ı); the domain through IDNA (IdnMapping), so "bücher.de", "BÜCHER.de" and "xn--bcher-kva.de" are
    /// all "bücher.de". A domain IDNA refuses stays lower-cased (and <see cref="IsValidAccountEmail"/> says no).
    /// Customers' and contacts' emails keep <see cref="NormalizeEmail"/>: imports and upserts match on them as stored.
    /// </summary>
    public static string? NormalizeAccountEmail(string? email)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return null;
        }

        var trimmed = email.Trim().Normalize(NormalizationForm.FormC);
        var at = trimmed.LastIndexOf('@');
        var local = (at < 0 ? trimmed : trimmed[..at]).Replace('\u0130', 'i').ToLowerInvariant();
        if (at < 0)
        {
            return local;
        }

        // IdnMapping returns an all-ASCII domain as it came, capitals too: lower-cased first.
        var domain = trimmed[(at + 1)..].ToLowerInvariant();
        return local + "@" + (TryIdn(domain, out var unicode) ? unicode : domain);
    }

    /// <summary>A valid address (<see cref="IsValidEmail"/>) whose domain IDNA accepts.</summary>
    public static bool IsValidAccountEmail(string? email)
    {
        var normalized = NormalizeAccountEmail(email);
        return normalized is not null && IsValidEmail(normalized) && TryIdn(normalized[(normalized.LastIndexOf('@') + 1)..], out _);
    }

    private static bool TryIdn(string domain, out string unicode)
    {
        try
        {
            // Through ASCII and back: IDNA maps case and compatibility forms, so every spelling meets in one Unicode form.
            var idn = new IdnMapping();
            unicode = idn.GetUnicode(idn.GetAscii(domain));
            return true;
        }
        catch (ArgumentException)
        {
            unicode = domain;
            return false;
        }
    }

    public static bool IsValidEmail(string email)
    {
        if (email.Length > 254 || email.Any(char.IsWhiteSpace))
        {
            return false;
        }

        var at = email.LastIndexOf('@');
        if (at <= 0 || at == email.Length - 1 || email.IndexOf('@', StringComparison.Ordinal) != at)
        {
            return false;
        }

        var domain = email[(at + 1)..];
        return domain.Contains('.', StringComparison.Ordinal) && !domain.StartsWith('.') && !domain.EndsWith('.')
            && !domain.Contains("..", StringComparison.Ordinal);
    }

    /// <summary>Parses a phone to E.164; numbers without +country use <paramref name="region"/> (ISO 3166 alpha-2).</summary>
    public static bool TryNormalizePhone(string? phone, string? region, out string? e164)
    {
        e164 = null;
        if (string.IsNullOrWhiteSpace(phone))
        {
            return true;
        }

        // Validation and normalisation ask about the same number back to back; parsing is the costly part.
        if (lastPhone is { } last && last.Phone == phone && last.Region == region)
        {
            e164 = last.E164;
            return last.Ok;
        }

        var ok = Parse(phone, region, out e164);
        lastPhone = (phone, region, ok, e164);
        return ok;
    }

    private static bool Parse(string phone, string? region, out string? e164)
    {
        e164 = null;
        try
        {
            var parsed = Phones.Parse(phone.Trim(), string.IsNullOrWhiteSpace(region) ? null : region.Trim().ToUpperInvariant());
            if (!Phones.IsPossibleNumber(parsed))
            {
                return false;
            }

            e164 = Phones.Format(parsed, PhoneNumberFormat.E164);
            return true;
        }
        catch (NumberParseException)
        {
            return false;
        }
    }

    /// <summary>The longest canonical website the customers' column holds.</summary>
    public const int MaxWebsiteLength = 500;

    /// <summary>Canonical website: absolute http(s) URL, lower-case host, no default port, no trailing slash on an empty path.</summary>
    public static bool TryNormalizeWebsite(string? website, out string? canonical)
    {
        canonical = null;
        if (string.IsNullOrWhiteSpace(website))
        {
            return true;
        }

        var text = website.Trim();
        if (!text.Contains("://", StringComparison.Ordinal))
        {
            text = "https://" + text;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || string.IsNullOrEmpty(uri.Host)
            || (!uri.Host.Contains('.', StringComparison.Ordinal) && uri.Host != "localhost")
            || !string.IsNullOrEmpty(uri.UserInfo))
        {
            return false;
        }

        var builder = new UriBuilder(uri) { Host = uri.IdnHost.ToLowerInvariant(), Fragment = string.Empty };
        if (uri.IsDefaultPort)
        {
            builder.Port = -1;
        }

        var result = builder.Uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.PathAndQuery, UriFormat.UriEscaped);
        if (uri.AbsolutePath == "/" && string.IsNullOrEmpty(uri.Query))
        {
            result = result.TrimEnd('/');
        }

        canonical = result;
        return true;
    }

    public static bool IsCountryCode(string? country) =>
        country is { Length: 2 } && country.All(char.IsAsciiLetter) && Phones.GetCountryCodeForRegion(country.ToUpperInvariant()) != 0;
}
