using FluentValidation;

namespace Crm.Application.Batches;

/// <summary>The shape every batch request shares: 1 to <see cref="BatchUpsert.MaxItems"/> items, none null.</summary>
public static class BatchRules
{
    public static IRuleBuilderOptions<T, IReadOnlyList<TItem>?> BatchOfItems<T, TItem>(this IRuleBuilder<T, IReadOnlyList<TItem>?> rule) =>
        rule.NotEmpty().WithMessage("Send 1 to 1,000 items.")
            .Must(i => i is null || i.Count <= BatchUpsert.MaxItems).WithMessage($"At most {BatchUpsert.MaxItems} items per batch; split larger loads or use /imports.")
            .Must(i => i is null || i.All(item => item is not null)).WithMessage("Items cannot be null.");
}
