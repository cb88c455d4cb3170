using System.Text.Json;
using System.Text.Json.Nodes;

namespace Crm.Application.Common;

/// <summary>RFC 7396 JSON merge patch over the input contract of a resource.</summary>
public static class MergePatch
{
    /// <summary>
    /// Applies <paramref name="patch"/> to <paramref name="current"/> (the resource as its PUT body) and
    /// reads the result back as <typeparamref name="T"/>, so a PATCH is validated exactly like a PUT.
    /// </summary>
    public static T Apply<T>(T current, JsonElement patch)
    {
        if (patch.ValueKind != JsonValueKind.Object)
        {
            throw new BadRequestException("$", "A merge patch must be a JSON object.");
        }

        RefuseRemovingRequired<T>(patch);
        var target = JsonSerializer.SerializeToNode(current, CrmJson.Options);
        var merged = Merge(target, JsonNode.Parse(patch.GetRawText()));
        try
        {
            return merged.Deserialize<T>(CrmJson.Options)
                ?? throw new BadRequestException("$", "The patched document is empty.");
        }
        catch (JsonException ex)
        {
            var field = JsonPath.ToField(ex.Path);
            throw new BadRequestException(field, JsonPath.Describe(ex));
        }
    }

    /// <summary>
    /// A null removes a member, and a removed non-nullable value (an enum such as a customer's type, a flag such as
    /// active) would read back as its default: a silent reset to lead, false or true. Those fields are required; say so.
    /// </summary>
    private static void RefuseRemovingRequired<T>(JsonElement patch)
    {
        Dictionary<string, string[]>? errors = null;
        var properties = CrmJson.Options.GetTypeInfo(typeof(T)).Properties;
        foreach (var member in patch.EnumerateObject())
        {
            if (member.Value.ValueKind == JsonValueKind.Null
                // Matched as the body's members are bound: ignoring case when the options do ("Type" is type).
                && properties.FirstOrDefault(p => string.Equals(p.Name, member.Name, CrmJson.Options.PropertyNameCaseInsensitive ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal))
                    is { PropertyType: { IsValueType: true } type } property
                && Nullable.GetUnderlyingType(type) is null)
            {
                (errors ??= [])[property.Name] = [$"{property.Name} cannot be removed; send a value."];
            }
        }

        if (errors is not null)
        {
            throw new BadRequestException(errors);
        }
    }

    private static JsonNode? Merge(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }

        var result = target is JsonObject targetObject ? (JsonObject)targetObject.DeepClone() : [];
        foreach (var (key, value) in patchObject)
        {
            if (value is null)
            {
                result.Remove(key);
            }
            else
            {
                var existing = result[key];
                result[key] = Merge(existing, value);
            }
        }

        return result;
    }
}

/// <summary>Turns System.Text.Json error paths into the field names of problem responses.</summary>
public static class JsonPath
{
    public static string ToField(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return "$";
        }

        var field = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        return field.Replace("['", ".", StringComparison.Ordinal).Replace("']", string.Empty, StringComparison.Ordinal).TrimStart('.');
    }

    public static string Describe(JsonException ex)
    {
        if (ex is NulCharacterException)
        {
            return NulCharacters.Message;
        }

        var message = ex.Message;
        if (message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal))
        {
            return "Unknown field.";
        }

        if (ex.Path is null or "$" && ex.LineNumber is not null)
        {
            return $"Malformed JSON at line {ex.LineNumber + 1}, position {ex.BytePositionInLine + 1}.";
        }

        return "The value has the wrong type or format for this field.";
    }
}
