using System.Text.Json.Serialization;

namespace Crm.Contracts.Common;

/// <summary>One page of a keyset-paginated list.</summary>
/// <typeparam name="T">The item type.</typeparam>
public sealed record Page<T>
{
    /// <summary>The items of this page, in the requested order.</summary>
    public required IReadOnlyList<T> Items { get; init; }

    /// <summary>Opaque cursor for the next page (pass it as <c>?cursor=</c>); null on the last page.</summary>
    /// <example>eyJrIjoiQWNtZSIsImkiOiIwMTkzIn0</example>
    public string? NextCursor { get; init; }

    /// <summary>Total number of matching items; present only with <c>?includeTotal=true</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? Total { get; init; }
}
