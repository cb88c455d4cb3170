using System.Text.Json;

namespace Crm.Application.Common;

/// <summary>Parses enum query filters written as on the wire (camelCase, case-insensitive).</summary>
public static class EnumFilter
{
    /// <remarks>
    /// One name: Enum.TryParse also reads a comma-separated list as its values OR-ed together (prospect,lead is
    /// supplier), which is what a repeated query parameter (type=prospect&amp;type=lead) binds to.
    /// </remarks>
    public static bool IsValid<TEnum>(string? value)
        where TEnum : struct, Enum =>
        string.IsNullOrWhiteSpace(value)
        || !value.Contains(',', StringComparison.Ordinal) && Enum.TryParse<TEnum>(value.Trim(), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(value, out _);

    public static TEnum? Parse<TEnum>(string? value)
        where TEnum : struct, Enum =>
        string.IsNullOrWhiteSpace(value) ? null : Enum.Parse<TEnum>(value.Trim(), ignoreCase: true);

    public static string Message<TEnum>()
        where TEnum : struct, Enum =>
        Texts.Format("validation.oneOf", ("values", string.Join(", ", Enum.GetNames<TEnum>().Select(JsonNamingPolicy.CamelCase.ConvertName))));
}
