using System.Text.Json;
using Crm.Application.Common;
using Crm.Domain.Common;

namespace Crm.Application.Audit;

/// <summary>
/// The <c>entityType</c> of audit rows: each auditable entity's class name in camelCase (customer, apiToken, …).
/// Derived from the domain, so a new auditable entity is filterable without a list to keep in step.
/// </summary>
public static class AuditEntityTypes
{
    public static IReadOnlyList<string> All { get; } = typeof(IAuditable).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IAuditable).IsAssignableFrom(t))
        .Select(NameOf)
        .Order(StringComparer.Ordinal)
        .ToArray();

    public static string Message => Texts.Format("validation.oneOf", ("values", string.Join(", ", All)));

    public static string NameOf(Type type) => JsonNamingPolicy.CamelCase.ConvertName(type.Name);

    /// <summary>The entity type a filter names, in any letter case; null when none has that name.</summary>
    public static string? Find(string value) => All.FirstOrDefault(n => string.Equals(n, value.Trim(), StringComparison.OrdinalIgnoreCase));
}
