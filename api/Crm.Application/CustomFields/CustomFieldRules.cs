using Crm.Application.Common;
using Crm.Domain.CustomFields;
using FluentValidation;

namespace Crm.Application.CustomFields;

internal static class CustomFieldRules
{
    public static string ChoiceNeedsOptions => Texts.Get("validation.choiceNeedsOptions");

    public static string OnlyChoicesHaveOptions => Texts.Get("validation.onlyChoicesHaveOptions");

    /// <summary>Whether options fit a field of this type; the message naming what is wrong, or null.</summary>
    public static string? OptionsProblem(bool hasOptions, IReadOnlyList<string>? options) =>
        hasOptions && options is not { Count: > 0 } ? ChoiceNeedsOptions
        : !hasOptions && options is { Count: > 0 } ? OnlyChoicesHaveOptions
        : null;

    public static IRuleBuilderOptions<T, string?> CustomFieldLabel<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty().WithText("validation.labelRequired").MaximumLength(100);

    public static IRuleBuilderOptions<T, IReadOnlyList<string>?> CustomFieldOptions<T>(this IRuleBuilder<T, IReadOnlyList<string>?> rule) =>
        rule.Must(o => o is null || o.Count <= CustomFieldDefinition.MaxOptions)
            .WithText("validation.maxOptions", ("max", CustomFieldDefinition.MaxOptions))
            .Must(o => o is null || o.All(v => !string.IsNullOrWhiteSpace(v) && v.Trim().Length <= 100))
            .WithText("validation.optionLength");

    /// <summary>List filters <c>customField=key:value</c>: at most <see cref="CustomFieldSchema.MaxFilters"/>, each of sane length.</summary>
    public static void CustomFieldFilters<T>(this AbstractValidator<T> validator, System.Linq.Expressions.Expression<Func<T, IReadOnlyList<string>?>> filters)
    {
        validator.RuleFor(filters).Must(f => f is null || f.Count <= CustomFieldSchema.MaxFilters)
            .WithText("validation.maxFilters", ("max", CustomFieldSchema.MaxFilters))
            .ForEach(filter => filter.MaximumLength(1100))
            .OverridePropertyName("customField");
    }
}
