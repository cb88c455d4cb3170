using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace Crm.Application.Common;

/// <summary>
/// RFC 7396 JSON merge patch over the input contract of a resource: PATCH, and the batch upserts' items that match a
/// stored record. A member of the contract is matched as binding matches it (ignoring case when the options do:
/// <c>"PHONE": null</c> clears phone); a key of a map (custom-field values) is matched exactly, as its definitions are.
/// </summary>
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
            throw new BadRequestException("$", Texts.Get("patch.notObject"));
        }

        RefuseRepeats(patch);
        RefuseRemovingRequired<T>(patch);
        var typeInfo = CrmJson.Options.GetTypeInfo(typeof(T));
        // Read back with exact member names, as a map's keys compare ("level" and "Level" may both be custom fields).
        var merged = Merge(JsonNode.Parse(JsonSerializer.SerializeToUtf8Bytes(current, typeInfo), new JsonNodeOptions { PropertyNameCaseInsensitive = false }), patch, typeInfo);
        try
        {
            // A member patched under another case ("Name") took the place of the current one ("name"): no repeats.
            return merged.Deserialize<T>(CrmJson.Options)
                ?? throw new BadRequestException("$", Texts.Get("patch.empty"));
        }
        catch (JsonException ex)
        {
            var field = JsonPath.ToField(ex.Path);
            throw new BadRequestException(field, JsonPath.Describe(ex));
        }
    }

    /// <summary>
    /// A member given twice, exactly (anywhere in the patch) or, where members are matched ignoring case, as "name" and
    /// "Name" (at the top, as the serializer refuses them in a POST): which one would count is anybody's guess.
    /// </summary>
    private static void RefuseRepeats(JsonElement patch)
    {
        JsonDuplicates.Refuse(patch);
        JsonDuplicates.RefuseSameMemberIgnoringCase(patch);
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

    /// <summary>
    /// <paramref name="patch"/> applied to <paramref name="target"/>, a value of the type <paramref name="typeInfo"/>
    /// describes (null where the contract says nothing: a custom field's value, merged by the RFC alone).
    /// </summary>
    private static JsonNode? Merge(JsonNode? target, JsonElement patch, JsonTypeInfo? typeInfo)
    {
        if (patch.ValueKind != JsonValueKind.Object)
        {
            // Read straight from the patch: the merged tree is read back before the patch's document goes.
            return patch.ValueKind == JsonValueKind.Array ? JsonArray.Create(patch) : JsonValue.Create(patch);
        }

        // An object of the contract takes its members ignoring case when binding does; a map's keys and an untyped
        // object's members are exact. The target is this merge's own copy (serialised for it), so it is changed in
        // place where its members already compare so, and its members are moved, not cloned, where they do not.
        var byName = typeInfo?.Kind == JsonTypeInfoKind.Object && CrmJson.Options.PropertyNameCaseInsensitive;
        var result = target as JsonObject;
        if (result is null || result.Options?.PropertyNameCaseInsensitive != byName)
        {
            var members = result?.ToList() ?? [];
            result?.Clear();
            result = new JsonObject(members, new JsonNodeOptions { PropertyNameCaseInsensitive = byName });
        }

        foreach (var member in patch.EnumerateObject())
        {
            if (member.Value.ValueKind == JsonValueKind.Null)
            {
                result.Remove(member.Name);
            }
            else
            {
                var existing = result[member.Name];
                var merged = Merge(existing, member.Value, MemberType(typeInfo, member.Name));
                if (!ReferenceEquals(merged, existing))
                {
                    result[member.Name] = merged;
                }
            }
        }

        return result;
    }

    /// <summary>The contract of a member's value: a property's type, a map's value type; null for anything else.</summary>
    private static JsonTypeInfo? MemberType(JsonTypeInfo? typeInfo, string name)
    {
        var type = typeInfo?.Kind switch
        {
            JsonTypeInfoKind.Object => typeInfo.Properties.FirstOrDefault(p => string.Equals(p.Name, name, CrmJson.Options.PropertyNameCaseInsensitive ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal))?.PropertyType,
            JsonTypeInfoKind.Dictionary => typeInfo.ElementType,
            _ => null,
        };
        return type is null ? null : CrmJson.Options.GetTypeInfo(Nullable.GetUnderlyingType(type) ?? type);
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
            return Texts.Get("json.unknownField");
        }

        if (message.StartsWith("Duplicate propert", StringComparison.Ordinal))
        {
            return JsonDuplicates.Message;
        }

        if (ex.Path is null or "$" && ex.LineNumber is not null)
        {
            return Texts.Format("json.malformed", ("line", ex.LineNumber + 1), ("position", ex.BytePositionInLine + 1));
        }

        return Texts.Get("json.wrongType");
    }
}
