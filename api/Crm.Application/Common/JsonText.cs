using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Unicode;

namespace Crm.Application.Common;

/// <summary>
/// Finds a string or member name that JSON carries but that is not text: an unpaired surrogate escape
/// (<c>"\ud800"</c>) or bytes that are not UTF-8. System.Text.Json parses both and throws InvalidOperationException
/// only when the string is read, which in a body read as a document (merge patches, batches, custom-field values)
/// happened deep in a handler as a 500. Typed bodies already answer it as a JsonException naming the field; these
/// get the same 400.
/// </summary>
public static class JsonText
{
    public static string Message => Texts.Get("json.wrongType");

    /// <summary>Throws a 400 naming the first string that is not text (<c>name</c>, <c>items[0].tags[1]</c>; for a member name, the object holding it).</summary>
    public static void Refuse(JsonElement element)
    {
        if (Find(element) is { } path)
        {
            throw new BadRequestException(path, Message);
        }
    }

    /// <summary>
    /// The path of the first string value that is not text, or of the object whose member name is not; "$" for the
    /// element itself; null when all is text. Valid UTF-8 without a surrogate escape is checked by one scan.
    /// </summary>
    public static string? Find(JsonElement element)
    {
        var raw = JsonMarshal.GetRawUtf8Value(element);
        if (Utf8.IsValid(raw) && raw.IndexOf("\\ud"u8) < 0 && raw.IndexOf("\\uD"u8) < 0)
        {
            return null;
        }

        return Within(element) switch
        {
            null => null,
            "" => "$",
            ['[', ..] and var path => "$" + path,
            var path => path,
        };
    }

    // "" means the element itself; a member name that is not text is reported as its object ("").
    private static string? Within(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return IsText(element) ? null : string.Empty;
            case JsonValueKind.Object:
                foreach (var member in element.EnumerateObject())
                {
                    string name;
                    try
                    {
                        name = member.Name;
                    }
                    catch (InvalidOperationException)
                    {
                        return string.Empty;
                    }

                    if (Within(member.Value) is { } inner)
                    {
                        return name + (inner.Length == 0 || inner[0] == '[' ? inner : "." + inner);
                    }
                }

                return null;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (Within(item) is { } inner)
                    {
                        return $"[{index}]" + (inner.Length == 0 || inner[0] == '[' ? inner : "." + inner);
                    }

                    index++;
                }

                return null;
            default:
                return null;
        }
    }

    private static bool IsText(JsonElement value)
    {
        try
        {
            _ = value.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
