using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Crm.Application.Common;

/// <summary>
/// The API's own texts (problem titles and details, validation messages) in the request's language: one catalogue per
/// language in <c>Locales/*.json</c>, English holding the texts partners have always read. The language is
/// <see cref="CultureInfo.CurrentUICulture"/>, which the host sets from Accept-Language; any other is English.
/// Looked up only when an answer is worded, so a request that succeeds pays nothing.
/// </summary>
public static class Texts
{
    /// <summary>The languages of the SPA, English first (the default).</summary>
    public static readonly IReadOnlyList<string> Languages = ["en", "pt", "ca", "pl", "el"];

    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    private static readonly FrozenDictionary<string, FrozenDictionary<string, string>> Catalogues =
        Languages.ToFrozenDictionary(l => l, Load, StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenDictionary<string, string> EnglishTexts = Catalogues["en"];

    /// <summary>A catalogue as its file holds it (for the tests that compare them).</summary>
    public static IReadOnlyDictionary<string, string> Catalogue(string language) => Catalogues[language];

    /// <summary>The language among <see cref="Languages"/> whose texts <paramref name="culture"/> reads (pt-PT is pt); en for any other.</summary>
    public static string LanguageOf(CultureInfo culture)
    {
        for (var c = culture; !string.IsNullOrEmpty(c.Name); c = c.Parent)
        {
            if (Catalogues.ContainsKey(c.Name))
            {
                return c.Name.ToLowerInvariant();
            }
        }

        return "en";
    }

    /// <summary>The text of <paramref name="key"/> in the current UI language.</summary>
    public static string Get(string key) => Get(key, CultureInfo.CurrentUICulture);

    public static string Get(string key, CultureInfo culture) =>
        CatalogueOf(culture).TryGetValue(key, out var text) || EnglishTexts.TryGetValue(key, out text)
            ? text
            : throw new KeyNotFoundException($"No text has the key '{key}'.");

    /// <summary>
    /// The text of <paramref name="key"/> in the current UI language with its named placeholders (<c>{id}</c>,
    /// <c>{max:N0}</c>) filled in; numbers are written as the language writes them.
    /// </summary>
    public static string Format(string key, params ReadOnlySpan<(string Name, object? Value)> args) =>
        Format(key, CultureInfo.CurrentUICulture, args);

    public static string Format(string key, CultureInfo culture, params ReadOnlySpan<(string Name, object? Value)> args)
    {
        var template = Get(key, culture);
        var text = new StringBuilder(template.Length + 32);
        var at = 0;
        while (at < template.Length)
        {
            var open = template.IndexOf('{', at);
            var close = open < 0 ? -1 : template.IndexOf('}', open + 1);
            if (close < 0)
            {
                text.Append(template, at, template.Length - at);
                break;
            }

            text.Append(template, at, open - at);
            var placeholder = template.AsSpan(open + 1, close - open - 1);
            var colon = placeholder.IndexOf(':');
            var name = colon < 0 ? placeholder : placeholder[..colon];
            var format = colon < 0 ? null : placeholder[(colon + 1)..].ToString();
            var filled = false;
            foreach (var (argName, value) in args)
            {
                if (name.SequenceEqual(argName))
                {
                    text.Append(value is IFormattable f ? f.ToString(format, culture) : value?.ToString());
                    filled = true;
                    break;
                }
            }

            if (!filled)
            {
                text.Append(template, open, close - open + 1);
            }

            at = close + 1;
        }

        return text.ToString();
    }

    /// <summary>The placeholder names of a text: <c>{max:N0}</c> is <c>max</c>.</summary>
    public static IReadOnlySet<string> Placeholders(string text)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var open = text.IndexOf('{'); open >= 0; open = text.IndexOf('{', open + 1))
        {
            var close = text.IndexOf('}', open + 1);
            if (close < 0)
            {
                break;
            }

            var placeholder = text[(open + 1)..close];
            names.Add(placeholder.Split(':')[0]);
        }

        return names;
    }

    private static FrozenDictionary<string, string> CatalogueOf(CultureInfo culture)
    {
        // pt-BR has been matched to pt by the host already; a thread's own culture may still be regional.
        for (var c = culture; !string.IsNullOrEmpty(c.Name); c = c.Parent)
        {
            if (Catalogues.TryGetValue(c.Name, out var catalogue))
            {
                return catalogue;
            }
        }

        return EnglishTexts;
    }

    private static FrozenDictionary<string, string> Load(string language)
    {
        using var stream = typeof(Texts).Assembly.GetManifestResourceStream($"Crm.Application.Locales.{language}.json")
            ?? throw new InvalidOperationException($"The {language} catalogue is not embedded.");
        using var document = JsonDocument.Parse(stream);
        return document.RootElement.EnumerateObject().ToFrozenDictionary(p => p.Name, p => p.Value.GetString() ?? string.Empty, StringComparer.Ordinal);
    }
}

/// <summary>
/// A text of the catalogue with its arguments, worded when it is shown: in the request's language for a body, in
/// English where only ASCII may go (an error_description in WWW-Authenticate).
/// </summary>
public sealed class Wording(string key, params (string Name, object? Value)[] args)
{
    public string Key { get; } = key;

    public string In(CultureInfo culture) => Texts.Format(Key, culture, args);

    public override string ToString() => In(CultureInfo.CurrentUICulture);
}
