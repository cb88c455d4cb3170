using Crm.Application.Common;
using FluentValidation;
using FluentValidation.Validators;

namespace Crm.Application.Batches;

/// <summary>The shape every batch request shares: 1 to <see cref="BatchUpsert.MaxItems"/> items, none null.</summary>
public static class BatchRules
{
    public static IRuleBuilderOptions<T, IReadOnlyList<TItem>?> BatchOfItems<T, TItem>(this IRuleBuilder<T, IReadOnlyList<TItem>?> rule) =>
        rule.NotEmpty().WithText("validation.batchCount", ("max", BatchUpsert.MaxItems))
            .Must(i => i is null || i.Count <= BatchUpsert.MaxItems).WithText("validation.batchMax", ("max", BatchUpsert.MaxItems))
            .SetValidator(new NoNullItems<T, TItem>());

    /// <summary>Names each null item by its path (<c>items[1]</c>), as the client sent it, not the whole list.</summary>
    private sealed class NoNullItems<T, TItem> : PropertyValidator<T, IReadOnlyList<TItem>?>
    {
        public override string Name => nameof(NoNullItems<T, TItem>);

        public override bool IsValid(ValidationContext<T> context, IReadOnlyList<TItem>? value)
        {
            for (var i = 0; value is not null && i < value.Count; i++)
            {
                if (value[i] is null)
                {
                    context.AddFailure($"items[{i}]", Texts.Get("validation.batchNullItem"));
                }
            }

            return true;
        }
    }
}
