using System.Collections.Frozen;
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
        if (NullsOnRequired<T>(patch) is { } errors)
        {
            throw new BadRequestException(errors);
        }
    }

    /// <summary>
    /// The members of <paramref name="json"/> (an object) that are null where <typeparamref name="T"/> holds a
    /// non-nullable value, as field errors; null when there are none. The batch upserts ask the same of each item.
    /// </summary>
    public static Dictionary<string, string[]>? NullsOnRequired<T>(JsonElement json)
    {
        Dictionary<string, string[]>? errors = null;
        foreach (var member in json.EnumerateObject())
        {
            if (member.Value.ValueKind == JsonValueKind.Null && RequiredValues<T>.Names.TryGetValue(member.Name, out var name))
            {
                (errors ??= [])[name] = [$"{name} cannot be removed; send a value."];
            }
        }

        return errors;
    }

    /// <summary>
    /// The wire names of <typeparamref name="T"/>'s non-nullable value members, read once from its JSON metadata and
    /// matched as the body's members are bound: ignoring case when the options do ("Type" is type).
    /// </summary>
    private static class RequiredValues<T>
    {
        public static readonly FrozenDictionary<string, string> Names = CrmJson.Options.GetTypeInfo(typeof(T)).Properties
            .Where(p => p.PropertyType.IsValueType && Nullable.GetUnderlyingType(p.PropertyType) is null)
            .ToFrozenDictionary(p => p.Name, p => p.Name, CrmJson.Options.PropertyNameCaseInsensitive ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
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
