using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Crm.Application.Common;

/// <summary>
/// U+0000 has no place in a PostgreSQL text value (22021, invalid byte sequence for encoding "UTF8": 0x00):
/// request bodies are refused while they are read, so the answer is a 400 naming the field instead of a failed
/// statement. JSON can only carry the character escaped (\u0000), so only escaped values are looked at.
/// </summary>
public static class NulCharacters
{
    public static string Message => Texts.Get("json.nul");

    private static ReadOnlySpan<byte> EscapedNul => "\\u0000"u8;

    /// <summary>
    /// The JSON path, relative to <paramref name="element"/>, of the first string value or property name that holds
    /// U+0000; null when there is none. The raw text is searched first, so a value without the escape costs one
    /// vectorised scan and no allocation.
    /// </summary>
    public static string? Find(JsonElement element) =>
        JsonMarshal.GetRawUtf8Value(element).IndexOf(EscapedNul) < 0 ? null : Walk(element, new StringBuilder());

    private static string? Walk(JsonElement element, StringBuilder path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String when element.GetString()!.Contains('\0', StringComparison.Ordinal):
                return path.ToString();
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    var length = path.Length;
                    path.Append('.').Append(property.Name);
                    if (property.Name.Contains('\0', StringComparison.Ordinal))
                    {
                        return path.ToString();
                    }

                    if (Walk(property.Value, path) is { } found)
                    {
                        return found;
                    }

                    path.Length = length;
                }

                return null;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    var length = path.Length;
                    path.Append('[').Append(index++).Append(']');
                    if (Walk(item, path) is { } found)
                    {
                        return found;
                    }

                    path.Length = length;
                }

                return null;
            default:
                return null;
        }
    }
}

/// <summary>A JSON body held U+0000 in a string; the serializer fills in <see cref="JsonException.Path"/>.</summary>
public sealed class NulCharacterException : JsonException
{
    public NulCharacterException()
        : base(NulCharacters.Message)
    {
    }

    public NulCharacterException(string message)
        : base(message)
    {
    }

    public NulCharacterException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>With the path set, which the serializer then keeps (it only fills in a missing one).</summary>
    internal NulCharacterException(string path, long? lineNumber, long? bytePositionInLine)
        : base(NulCharacters.Message, path, lineNumber, bytePositionInLine)
    {
    }
}

/// <summary>
/// Reads strings as the built-in converter does, refusing U+0000. Registered in <see cref="CrmJson"/>, so it serves
/// every string the wire reads: properties, array items and dictionary keys, of reflection and source-generated
/// metadata alike (generated metadata takes a string converter found in the options over its own).
/// </summary>
internal sealed class NulRejectingStringConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Checked(ref reader);

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Checked(ref reader)!;

    // As the built-in converter writes a dictionary key: through the key policy (customFields and errors keys).
    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
        writer.WritePropertyName(options.DictionaryKeyPolicy is { } policy ? policy.ConvertName(value) : value);

    private static string? Checked(ref Utf8JsonReader reader)
    {
        var value = reader.GetString();
        // An unescaped value cannot hold U+0000: JSON does not allow raw control characters in strings.
        if (reader.ValueIsEscaped && value is not null && value.Contains('\0', StringComparison.Ordinal))
        {
            throw new NulCharacterException();
        }

        return value;
    }
}

/// <summary>
/// Reads a <see cref="JsonElement"/> (custom-field values) as the built-in converter does, refusing one that holds
/// U+0000 in any string or property name inside it.
/// </summary>
internal sealed class NulRejectingJsonElementConverter : JsonConverter<JsonElement>
{
    public override JsonElement Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var depth = reader.CurrentDepth;
        var element = JsonElement.ParseValue(ref reader);
        if (NulCharacters.Find(element) is { } relative)
        {
            // Nested in a body, the serializer's path names the member that holds the element, which is what a
            // client needs (customFields.notes); a whole body read as an element gets the path inside it.
            throw depth == 0 ? new NulCharacterException("$" + relative, null, null) : new NulCharacterException();
        }

        // Parsed but not readable as text (an unpaired surrogate escape): refused here, or the first read of it is a 500.
        if (JsonText.Find(element) is { } notText)
        {
            throw depth == 0 ? new JsonException(JsonText.Message, notText.StartsWith('$') ? notText : "$." + notText, null, null) : new JsonException(JsonText.Message);
        }

        // ParseValue keeps a repeated member, where the built-in converter refuses it when the options say so.
        if (!options.AllowDuplicateProperties && JsonDuplicates.Find(element) is { } repeated)
        {
            var message = $"Duplicate property '{repeated}' encountered during deserialization.";
            throw depth == 0 ? new JsonException(message, repeated.StartsWith('$') ? repeated : "$." + repeated, null, null) : new JsonException(message);
        }

        return element;
    }

    public override void Write(Utf8JsonWriter writer, JsonElement value, JsonSerializerOptions options) => value.WriteTo(writer);
}
