using System.Linq.Expressions;
using System.Text.Json;
using Crm.Application.Batches;
using Crm.Application.Common;
using Crm.Contracts.Customers;
using Crm.Domain.CustomFields;
using Crm.Domain.Customers;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Crm.Application.Customers.UpsertCustomers;

/// <summary>
/// POST /customers/batch: creates or updates up to 1,000 customers matched on email or external id,
/// with an outcome per item. An update changes only the fields its item carries (as PATCH does).
/// Valid items are written in one transaction; invalid ones change nothing.
/// Sending the same batch twice leaves everything unchanged the second time.
/// </summary>
public sealed record UpsertCustomers(BatchRequest<CustomerInput> Input) : ICommand<CustomerBatchResponse>;

public sealed class UpsertCustomersValidator : AbstractValidator<UpsertCustomers>
{
    public UpsertCustomersValidator()
    {
        RuleFor(x => x.Input.MatchOn).IsDefinedEnum().OverridePropertyName("matchOn");
        RuleFor(x => x.Input.Items).BatchOfItems().OverridePropertyName("items");
    }
}

public sealed class UpsertCustomersHandler(ICrmDbContext db, IValidator<CustomerInput> itemValidator) : ICommandHandler<UpsertCustomers, CustomerBatchResponse>
{
    public async ValueTask<CustomerBatchResponse> Handle(UpsertCustomers request, CancellationToken cancellationToken)
    {
        var outcome = await BatchUpsert.RunAsync(db, CustomerBatch.Instance, itemValidator, request.Input.MatchOn, request.Input.Items!, cancellationToken);
        return new CustomerBatchResponse
        {
            Results = outcome.Results,
            Created = outcome.Created,
            Updated = outcome.Updated,
            Unchanged = outcome.Unchanged,
            Rejected = outcome.Rejected,
        };
    }
}

/// <summary>Customers as a batch target.</summary>
internal sealed class CustomerBatch : IBatchTarget<CustomerInput, CustomerDetails, Customer>
{
    public static readonly CustomerBatch Instance = new();

    public string Noun => "customer";

    public CustomFieldEntity CustomFieldEntity => CustomFieldEntity.Customers;

    public Expression<Func<Customer, string?>> Email { get; } = c => c.Email;

    public Expression<Func<Customer, string?>> ExternalId { get; } = c => c.ExternalId;

    public DbSet<Customer> Set(ICrmDbContext db) => db.Customers;

    public IReadOnlyDictionary<string, JsonElement>? CustomFieldsOf(CustomerInput input) => input.CustomFields;

    public string? EmailOf(CustomerInput input) => input.Email;

    public string? ExternalIdOf(CustomerInput input) => input.ExternalId;

    public CustomerInput ToInput(Customer entity) => CustomerInputs.ToInput(entity);

    public CustomerDetails ToDetails(CustomerInput input, string customFields) => CustomerInputs.ToDetails(input, customFields);

    public string? EmailOf(CustomerDetails details) => details.Email;

    public string? ExternalIdOf(CustomerDetails details) => details.ExternalId;

    public Customer Create(CustomerDetails details) => Customer.Create(details);

    public void Update(Customer entity, CustomerDetails details) => entity.Update(details);

    /// <summary>An owner must be a user: one query for every owner the batch names.</summary>
    public async Task<IReadOnlyDictionary<int, Dictionary<string, string[]>>> CheckAsync(
        ICrmDbContext db, IReadOnlyList<(int Index, CustomerDetails Details)> items, CancellationToken ct)
    {
        var ids = items.Where(i => i.Details.OwnerId is not null).Select(i => i.Details.OwnerId!.Value).Distinct().ToList();
        var known = ids.Count == 0 ? [] : (await db.Users.Where(u => ids.Contains(u.Id)).Select(u => u.Id).ToListAsync(ct)).ToHashSet();
        return items.Where(i => i.Details.OwnerId is { } owner && !known.Contains(owner))
            .ToDictionary(i => i.Index, _ => new Dictionary<string, string[]> { ["ownerId"] = [Texts.Get("validation.noSuchUser")] });
    }

    /// <summary>Tags as the entity stores them (distinct, first spelling kept), an empty address as none.</summary>
    public bool IsUnchanged(Customer entity, CustomerDetails details)
    {
        var current = entity.ToDetails();
        var tags = details.Tags.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var address = details.Address is { IsEmpty: false } ? details.Address : null;
        return current.Tags.SequenceEqual(tags, StringComparer.Ordinal)
            && current with { Tags = details.Tags } == details with { Address = address };
    }
}
