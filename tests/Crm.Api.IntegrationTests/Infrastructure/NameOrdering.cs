using System.Globalization;

namespace Crm.Api.IntegrationTests.Infrastructure;

/// <summary>
/// The order the database sorts names in (collation crm_names: the ICU root collation with numbers compared by value,
/// NameOrder), as .NET's ICU gives it, with ties broken by code point as a deterministic PostgreSQL collation breaks them.
/// </summary>
public static class NameOrdering
{
    public static readonly IComparer<string> Comparer = Comparer<string>.Create(static (a, b) =>
        CultureInfo.InvariantCulture.CompareInfo.Compare(a, b, CompareOptions.NumericOrdering) is var c and not 0 ? c : string.CompareOrdinal(a, b));

    public static List<string> InNameOrder(this IEnumerable<string> names) => names.Order(Comparer).ToList();

    public static List<string> InNameOrderDescending(this IEnumerable<string> names) => names.OrderDescending(Comparer).ToList();
}
