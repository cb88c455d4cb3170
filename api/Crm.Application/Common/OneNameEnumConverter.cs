using System.Text.Json;
using System.Text.Json.Serialization;

namespace Crm.Application.Common;

/// <summary>
/// <see cref="JsonStringEnumConverter"/> that takes one name only. That converter reads a comma-separated list on
/// any enum, <c>[Flags]</c> or not, as its values OR-ed together: <c>"type": "prospect,lead"</c> (1 | 2) made a
/// supplier, a type nobody sent. No wire enum is a set of flags, so a comma is the wrong format for the field, as
/// an unknown name is (a 400 naming it). Writing, names and the OpenAPI schema are the inner converter's.
/// </summary>
public sealed class OneNameEnumConverter(JsonNamingPolicy namingPolicy) : JsonConverterFactory
{
    private readonly JsonStringEnumConverter names = new(namingPolicy, allowIntegerValues: false);

    public override bool CanConvert(Type typeToConvert) => names.CanConvert(typeToConvert);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(typeToConvert), names.CreateConverter(typeToConvert, options))!;

    private static void RefuseList(ref Utf8JsonReader reader)
    {
        var list = reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName
            && (reader.HasValueSequence || reader.ValueIsEscaped ? reader.GetString()!.Contains(',', StringComparison.Ordinal) : reader.ValueSpan.Contains((byte)','));
        if (list)
        {
            throw new JsonException("One value is expected, not a list.");
        }
    }

    private sealed class Converter<T>(JsonConverter<T> inner) : JsonConverter<T>
        where T : struct, Enum
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            RefuseList(ref reader);
            return inner.Read(ref reader, typeToConvert, options);
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => inner.Write(writer, value, options);

        public override T ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            RefuseList(ref reader);
            return inner.ReadAsPropertyName(ref reader, typeToConvert, options);
        }

        public override void WriteAsPropertyName(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            inner.WriteAsPropertyName(writer, value, options);
    }
}
