using System.Collections.ObjectModel;
using System.Text.Json;

namespace Crm.Contracts.Customers;

/// <summary>The shared empty custom-field map of responses.</summary>
public static class EmptyCustomFields
{
    /// <summary>No custom-field values.</summary>
    public static readonly IReadOnlyDictionary<string, JsonElement> Value = ReadOnlyDictionary<string, JsonElement>.Empty;
}
