using System.Text.Json;

namespace Crm.Application.Common;

/// <summary>
/// Finds a member that a JSON object carries twice. JSON leaves the meaning of <c>{"name":"A","name":"B"}</c> open and
/// readers differ (the last wins, the first wins, an error), so a body that says it is refused with a 400 naming the
/// member, not read one way here and another way by whoever wrote it. The serializer refuses repeats in typed bodies
/// itself (<see cref="CrmJson"/>); this covers the bodies read as documents (merge patches, batches).
/// </summary>
public static class JsonDuplicates
{
    public static string Message => Texts.Get("json.duplicate");

    /// <summary>Throws a 400 naming the first repeated member (<c>address.city</c>, <c>items[2].email</c>), if there is one.</summary>
    public static void Refuse(JsonElement element)
    {
        if (Find(element) is { } path)
        {
            throw new BadRequestException(path, Message);
        }
    }

    /// <summary>
    /// Throws a 400 naming the second of two members of <paramref name="obj"/> (an object) that binding takes for one:
    /// where the options ignore case, "name" beside "Name", as the serializer refuses them in a typed body.
    /// </summary>
    public static void RefuseSameMemberIgnoringCase(JsonElement obj)
    {
        if (!CrmJson.Options.PropertyNameCaseInsensitive)
        {
            return;
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var member in obj.EnumerateObject())
        {
            if (!seen.Add(member.Name))
            {
                throw new BadRequestException(member.Name, Message);
            }
        }
    }

    /// <summary>The path of the first member that repeats an earlier member of its object (names compared exactly), or null.</summary>
    public static string? Find(JsonElement element) => Within(element) switch
    {
        { } path when path.StartsWith('[') => "$" + path,
        var path => path,
    };

    // The path is built only on the way back from a repeat: a clean body allocates nothing but the names' set.
    private static string? Within(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                HashSet<string>? seen = null;
                foreach (var member in element.EnumerateObject())
                {
                    if (!(seen ??= new HashSet<string>(StringComparer.Ordinal)).Add(member.Name))
                    {
                        return member.Name;
                    }

                    if (Within(member.Value) is { } inner)
                    {
                        return member.Name + (inner.StartsWith('[') ? inner : "." + inner);
                    }
                }

                return null;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (Within(item) is { } inner)
                    {
                        return $"[{index}]" + (inner.StartsWith('[') ? inner : "." + inner);
                    }

                    index++;
                }

                return null;
            default:
                return null;
        }
    }
}
