using Crm.Application.Common;
using Crm.Application.CustomFields;
using Crm.Contracts.Customers;
using Crm.Domain.CustomFields;
using Crm.Domain.Customers;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Crm.Application.Customers.UpsertCustomers;

/// <summary>
/// POST /customers/batch: creates or updates up to 1,000 customers matched on email or external id,
/// with an outcome per item. Valid items are written in one transaction; invalid ones change nothing.
/// Sending the same batch twice leaves everything unchanged the second time.
/// </summary>
public sealed record UpsertCustomers(CustomerBatchRequest Input) : ICommand<CustomerBatchResponse>;

public sealed class UpsertCustomersValidator : AbstractValidator<UpsertCustomers>
{
    public const int MaxItems = 1000;

    public UpsertCustomersValidator()
    {
        RuleFor(x => x.Input.MatchOn).IsInEnum().OverridePropertyName("matchOn");
        RuleFor(x => x.Input.Items).NotEmpty().WithMessage("Send 1 to 1,000 items.")
            .Must(i => i is null || i.Count <= MaxItems).WithMessage($"At most {MaxItems} items per batch; split larger loads or use /imports.")
            .Must(i => i is null || i.All(item => item is not null)).WithMessage("Items cannot be null.")
            .OverridePropertyName("items");
    }
}

public sealed class UpsertCustomersHandler(ICrmDbContext db, IValidator<CustomerInput> itemValidator) : ICommandHandler<UpsertCustomers, CustomerBatchResponse>
{
    public async ValueTask<CustomerBatchResponse> Handle(UpsertCustomers request, CancellationToken cancellationToken)
    {
        var byEmail = request.Input.MatchOn == MatchOn.Email;
        var items = request.Input.Items!;
        var results = new BatchItemResult?[items.Count];
        var valid = new List<(int Index, CustomerDetails Details, string Key)>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var schema = await CustomFieldSchema.LoadAsync(db, CustomFieldEntity.Customers, cancellationToken);

        for (var i = 0; i < items.Count; i++)
        {
            var check = await itemValidator.ValidateAsync(items[i], cancellationToken);
            var failures = check.Errors;
            var customFields = schema.Normalize(items[i].CustomFields, string.Empty, failures);
            if (failures.Count > 0)
            {
                results[i] = Reject(i, BatchItemStatus.Invalid, failures.GroupBy(e => FieldNames.FromPropertyPath(e.PropertyName)).ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).ToArray()));
                continue;
            }

            var details = CustomerInputs.ToDetails(items[i], customFields);
            var key = byEmail ? details.Email : details.ExternalId;
            var field = byEmail ? "email" : "externalId";
            if (key is null)
            {
                results[i] = Reject(i, BatchItemStatus.Invalid, new() { [field] = [$"Required: the batch matches on {field}."] });
            }
            else if (seen.TryGetValue(key, out var first))
            {
                results[i] = Reject(i, BatchItemStatus.Invalid, new() { [field] = [$"Same {field} as item {first} of this batch."] });
            }
            else
            {
                seen[key] = i;
                valid.Add((i, details, key));
            }
        }

        var keys = valid.Select(v => v.Key).ToList();
        var existing = byEmail
            ? await db.Customers.Where(c => c.Email != null && keys.Contains(c.Email)).ToDictionaryAsync(c => c.Email!, StringComparer.Ordinal, cancellationToken)
            : await db.Customers.Where(c => c.ExternalId != null && keys.Contains(c.ExternalId)).ToDictionaryAsync(c => c.ExternalId!, StringComparer.Ordinal, cancellationToken);

        // The other unique key must not collide with a different customer (or another item).
        var otherKeys = valid.Select(v => byEmail ? v.Details.ExternalId : v.Details.Email).OfType<string>().ToList();
        var owners = byEmail
            ? await db.Customers.Where(c => c.ExternalId != null && otherKeys.Contains(c.ExternalId)).Select(c => new { Key = c.ExternalId!, c.Id }).ToDictionaryAsync(x => x.Key, x => x.Id, StringComparer.Ordinal, cancellationToken)
            : await db.Customers.Where(c => c.Email != null && otherKeys.Contains(c.Email)).Select(c => new { Key = c.Email!, c.Id }).ToDictionaryAsync(x => x.Key, x => x.Id, StringComparer.Ordinal, cancellationToken);
        var otherField = byEmail ? "externalId" : "email";
        var claimed = new HashSet<string>(StringComparer.Ordinal);

        foreach (var (index, details, key) in valid)
        {
            existing.TryGetValue(key, out var customer);
            var other = byEmail ? details.ExternalId : details.Email;
            if (other is not null && ((owners.TryGetValue(other, out var owner) && owner != customer?.Id) || !claimed.Add(other)))
            {
                results[index] = new BatchItemResult
                {
                    Index = index,
                    Status = BatchItemStatus.Conflict,
                    Id = owners.TryGetValue(other, out var ownerId) ? ownerId : null,
                    Errors = new Dictionary<string, string[]> { [otherField] = [$"Another customer already has this {otherField}."] },
                };
                continue;
            }

            if (customer is null)
            {
                customer = Customer.Create(details);
                db.Customers.Add(customer);
                results[index] = new BatchItemResult { Index = index, Status = BatchItemStatus.Created, Id = customer.Id };
            }
            else if (customer.IsArchived)
            {
                results[index] = new BatchItemResult
                {
                    Index = index,
                    Status = BatchItemStatus.Conflict,
                    Id = customer.Id,
                    Errors = new Dictionary<string, string[]> { ["$"] = ["The matching customer is archived; restore it first."] },
                };
            }
            else if (Same(customer.ToDetails(), details))
            {
                results[index] = new BatchItemResult { Index = index, Status = BatchItemStatus.Unchanged, Id = customer.Id };
            }
            else
            {
                customer.Update(details);
                results[index] = new BatchItemResult { Index = index, Status = BatchItemStatus.Updated, Id = customer.Id };
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        var all = results.Select(r => r!).ToList();
        return new CustomerBatchResponse
        {
            Results = all,
            Created = all.Count(r => r.Status == BatchItemStatus.Created),
            Updated = all.Count(r => r.Status == BatchItemStatus.Updated),
            Unchanged = all.Count(r => r.Status == BatchItemStatus.Unchanged),
            Rejected = all.Count(r => r.Status is BatchItemStatus.Invalid or BatchItemStatus.Conflict),
        };
    }

    /// <summary>Whether applying <paramref name="incoming"/> would change nothing (tags as the entity stores them, empty address as none).</summary>
    private static bool Same(CustomerDetails current, CustomerDetails incoming)
    {
        var tags = incoming.Tags.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var address = incoming.Address is { IsEmpty: false } ? incoming.Address : null;
        return current.Tags.SequenceEqual(tags, StringComparer.Ordinal)
            && current with { Tags = incoming.Tags, Address = address } == incoming with { Address = address };
    }

    private static BatchItemResult Reject(int index, BatchItemStatus status, Dictionary<string, string[]> errors) =>
        new() { Index = index, Status = status, Errors = errors };
}
