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

namespace Crm.Application.Contacts.UpsertContacts;

/// <summary>
/// POST /contacts/batch: creates or updates up to 1,000 contacts matched on email or external id, with an
/// outcome per item, as POST /customers/batch does: an update changes only the fields its item carries. An item whose
/// customer does not exist is invalid.
/// </summary>
public sealed record UpsertContacts(BatchRequest<ContactInput> Input) : ICommand<ContactBatchResponse>;

public sealed class UpsertContactsValidator : AbstractValidator<UpsertContacts>
{
    public UpsertContactsValidator()
    {
        RuleFor(x => x.Input.MatchOn).IsDefinedEnum().OverridePropertyName("matchOn");
        RuleFor(x => x.Input.Items).BatchOfItems().OverridePropertyName("items");
    }
}

public sealed class UpsertContactsHandler(ICrmDbContext db, IValidator<ContactInput> itemValidator) : ICommandHandler<UpsertContacts, ContactBatchResponse>
{
    public async ValueTask<ContactBatchResponse> Handle(UpsertContacts request, CancellationToken cancellationToken)
    {
        var outcome = await BatchUpsert.RunAsync(db, ContactBatch.Instance, itemValidator, request.Input.MatchOn, request.Input.Items!, cancellationToken);
        return new ContactBatchResponse
        {
            Results = outcome.Results,
            Created = outcome.Created,
            Updated = outcome.Updated,
            Unchanged = outcome.Unchanged,
            Rejected = outcome.Rejected,
        };
    }
}

/// <summary>Contacts as a batch target: their customer must exist.</summary>
internal sealed class ContactBatch : IBatchTarget<ContactInput, ContactDetails, Contact>
{
    public static readonly ContactBatch Instance = new();

    public string Noun => "contact";

    public CustomFieldEntity CustomFieldEntity => CustomFieldEntity.Contacts;

    public Expression<Func<Contact, string?>> Email { get; } = c => c.Email;

    public Expression<Func<Contact, string?>> ExternalId { get; } = c => c.ExternalId;

    public DbSet<Contact> Set(ICrmDbContext db) => db.Contacts;

    public IReadOnlyDictionary<string, JsonElement>? CustomFieldsOf(ContactInput input) => input.CustomFields;

    public string? EmailOf(ContactInput input) => input.Email;

    public string? ExternalIdOf(ContactInput input) => input.ExternalId;

    public ContactInput ToInput(Contact entity) => ContactInputs.ToInput(entity);

    public ContactDetails ToDetails(ContactInput input, string customFields) => ContactInputs.ToDetails(input, customFields);

    public string? EmailOf(ContactDetails details) => details.Email;

    public string? ExternalIdOf(ContactDetails details) => details.ExternalId;

    public Contact Create(ContactDetails details) => Contact.Create(details);

    public void Update(Contact entity, ContactDetails details) => entity.Update(details);

    public bool IsUnchanged(Contact entity, ContactDetails details) => entity.ToDetails() == details;

    /// <summary>Every customer the batch names, looked up in one query (archived customers count, as on POST /contacts).</summary>
    public async Task<IReadOnlyDictionary<int, Dictionary<string, string[]>>> CheckAsync(
        ICrmDbContext db, IReadOnlyList<(int Index, ContactDetails Details)> items, CancellationToken ct)
    {
        var ids = items.Select(i => i.Details.CustomerId).Distinct().ToList();
        var known = (await db.Customers.Where(c => ids.Contains(c.Id)).Select(c => c.Id).ToListAsync(ct)).ToHashSet();
        return items.Where(i => !known.Contains(i.Details.CustomerId))
            .ToDictionary(i => i.Index, _ => new Dictionary<string, string[]> { ["customerId"] = [Texts.Get("validation.noSuchCustomer")] });
    }
}
