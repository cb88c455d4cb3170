using System.Collections.Frozen;
using System.Text.Json;

namespace Crm.Application.Common;

/// <summary>
/// JSON merge patch (RFC 7396, as <see cref="MergePatch"/> applies it for PATCH) over an input already read from its
/// JSON: the members the JSON carries take the sent values, the others keep the stored ones. One dictionary lookup
/// and one copy per member sent, so a batch of 1,000 items pays no serialisation round trip per item.
/// <para>Each member of <typeparamref name="T"/> needs an entry (a unit test holds the input contracts to that);
/// nested objects merge member by member, custom-field values key by key.</para>
/// </summary>
public sealed class MergeFields<T>
    where T : class
{
    private readonly FrozenDictionary<string, Func<T, T, JsonElement, T>> fields;

    /// <param name="fields">By wire name: how a sent member changes the stored input (stored, sent, the member's JSON).</param>
    public MergeFields(IEnumerable<KeyValuePair<string, Func<T, T, JsonElement, T>>> fields) =>
        // Members are bound ignoring case when the options do ("Phone" is phone): so are they matched here.
        this.fields = fields.ToFrozenDictionary(CrmJson.Options.PropertyNameCaseInsensitive ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);

    /// <summary>The wire names covered.</summary>
    public IEnumerable<string> Names => fields.Keys;

    /// <summary><paramref name="stored"/> with the members of <paramref name="json"/> (an object) taken from <paramref name="sent"/>, which was read from it.</summary>
    public T Apply(T stored, T sent, JsonElement json)
    {
        foreach (var member in json.EnumerateObject())
        {
            // A member the input does not have was refused when the item was read.
            if (fields.TryGetValue(member.Name, out var apply))
            {
                stored = apply(stored, sent, member.Value);
            }
        }

        return stored;
    }
}

/// <summary>The merge of values that are not a flat member: nested objects and custom-field values.</summary>
public static class MergeFields
{
    /// <summary>
    /// A nested object: merged member by member when both sides are objects; otherwise the sent value (null clears
    /// it, an object onto nothing is taken as sent, its null members being nothing).
    /// </summary>
    public static TNested? Nested<TNested>(MergeFields<TNested> merge, TNested? stored, TNested? sent, JsonElement json)
        where TNested : class =>
        stored is not null && sent is not null && json.ValueKind == JsonValueKind.Object ? merge.Apply(stored, sent, json) : sent;

    /// <summary>Custom-field values: the keys sent replace the stored ones, a null value removes its key, keys not sent are kept; null clears them all.</summary>
    public static IReadOnlyDictionary<string, JsonElement>? Values(IReadOnlyDictionary<string, JsonElement>? stored, IReadOnlyDictionary<string, JsonElement>? sent)
    {
        if (sent is null || stored is null || stored.Count == 0)
        {
            return sent;
        }

        var merged = new Dictionary<string, JsonElement>(stored, StringComparer.Ordinal);
        foreach (var (key, value) in sent)
        {
            if (value.ValueKind == JsonValueKind.Null)
            {
                merged.Remove(key);
            }
            else
            {
                merged[key] = value;
            }
        }

        return merged;
    }
}
