using System.Text.Json;
using Crm.Application.Common;
using Crm.Domain.Common;

namespace Crm.Application.Audit;

/// <summary>
/// The <c>entityType</c> of audit rows: each auditable entity's class name in camelCase (customer, apiToken, …).
/// Derived from the domain, so a new auditable entity is filterable without a list to keep in step; and
/// <see cref="Export"/>, which records no change but who exported what.
/// </summary>
public static class AuditEntityTypes
{
    /// <summary>An export that started streaming (action <c>exported</c>); its id is its link's, or a new one for a direct export.</summary>
    public const string Export = "export";

    public static IReadOnlyList<string> All { get; } = typeof(IAuditable).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IAuditable).IsAssignableFrom(t))
        .Select(NameOf)
        .Append(Export)
        .Order(StringComparer.Ordinal)
        .ToArray();

    public static string Message => Texts.Format("validation.oneOf", ("values", string.Join(", ", All)));

    public static string NameOf(Type type) => JsonNamingPolicy.CamelCase.ConvertName(type.Name);

    /// <summary>The entity type a filter names, in any letter case; null when none has that name.</summary>
    public static string? Find(string value) => All.FirstOrDefault(n => string.Equals(n, value.Trim(), StringComparison.OrdinalIgnoreCase));
}
