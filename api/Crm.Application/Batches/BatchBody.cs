using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Crm.Application.Common;
using Crm.Contracts.Customers;

namespace Crm.Application.Batches;

/// <summary>A batch as sent: the key that finds existing records and the items (an item may be null: the validator says so).</summary>
public sealed record BatchRequest<TInput>(MatchOn MatchOn, IReadOnlyList<BatchItem<TInput>?>? Items)
    where TInput : class;

/// <summary>
/// One item of a batch: the input read from it, and its JSON object, which says which properties the item carries
/// (an update changes only those). <see cref="Errors"/> holds the nulls sent for required values (kind, type,
/// emailConsent): such an item is invalid, the rest of the batch is not.
/// </summary>
public sealed record BatchItem<TInput>(TInput Input, JsonElement Json, IReadOnlyDictionary<string, string[]>? Errors = null)
    where TInput : class;

/// <summary>
/// Reads the body of POST /customers/batch and /contacts/batch (<c>{ "matchOn": …, "items": [ … ] }</c>, the shape of
/// <see cref="CustomerBatchRequest"/> and <see cref="ContactBatchRequest"/>) keeping each item's JSON beside its input.
/// Errors are those of binding the typed request (unknown members, wrong types, U+0000), named by their path.
/// </summary>
public static class BatchBody
{
    public static BatchRequest<TInput> Read<TInput>(JsonElement body)
        where TInput : class
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw new BadRequestException("$", Texts.Get("batch.bodyShape"));
        }

        var ignoreCase = CrmJson.Options.PropertyNameCaseInsensitive ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var matchOn = MatchOn.Email;
        List<BatchItem<TInput>?>? items = null;
        // "items" and "Items" are the same member here: as the serializer would, refuse the second.
        JsonDuplicates.RefuseSameMemberIgnoringCase(body);
        foreach (var member in body.EnumerateObject())
        {
            if (string.Equals(member.Name, "matchOn", ignoreCase))
            {
                matchOn = Deserialize((JsonTypeInfo<MatchOn>)CrmJson.Options.GetTypeInfo(typeof(MatchOn)), member.Value, "matchOn");
            }
            else if (string.Equals(member.Name, "items", ignoreCase))
            {
                items = member.Value.ValueKind switch
                {
                    JsonValueKind.Null => null,
                    JsonValueKind.Array => ReadItems<TInput>(member.Value),
                    _ => throw new BadRequestException("items", Texts.Get("batch.itemsArray")),
                };
            }
            else
            {
                throw new BadRequestException(member.Name, Texts.Get("json.unknownField"));
            }
        }

        return new BatchRequest<TInput>(matchOn, items);
    }

    private static List<BatchItem<TInput>?> ReadItems<TInput>(JsonElement array)
        where TInput : class
    {
        var typeInfo = (JsonTypeInfo<TInput>)CrmJson.Options.GetTypeInfo(typeof(TInput));
        var items = new List<BatchItem<TInput>?>(array.GetArrayLength());
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            var path = $"items[{index++}]";
            if (item.ValueKind == JsonValueKind.Null)
            {
                items.Add(null);
                continue;
            }

            if (item.ValueKind != JsonValueKind.Object)
            {
                throw new BadRequestException(path, Texts.Get("batch.itemObject"));
            }

            if (MergePatch.NullsOnRequired<TInput>(item) is not { } errors)
            {
                items.Add(new BatchItem<TInput>(Deserialize(typeInfo, item, path), item));
                continue;
            }

            // Rare: read the rest of the item without those members, so its other members are still checked as bound.
            var rest = JsonNode.Parse(item.GetRawText())!.AsObject();
            foreach (var name in rest.Where(m => m.Value is null && errors.Keys.Contains(m.Key, StringComparer.OrdinalIgnoreCase)).Select(m => m.Key).ToList())
            {
                rest.Remove(name);
            }

            items.Add(new BatchItem<TInput>(Deserialize(typeInfo, JsonSerializer.SerializeToElement(rest, CrmJson.Options), path), item, errors));
        }

        return items;
    }

    private static T Deserialize<T>(JsonTypeInfo<T> typeInfo, JsonElement value, string path)
    {
        try
        {
            return JsonSerializer.Deserialize(value, typeInfo)!;
        }
        catch (JsonException ex)
        {
            var field = JsonPath.ToField(ex.Path);
            var message = field == "$" && ex is not NulCharacterException ? Texts.Get("json.wrongType") : JsonPath.Describe(ex);
            throw new BadRequestException(new Dictionary<string, string[]> { [field == "$" ? path : $"{path}.{field}"] = [message] });
        }
    }
}
