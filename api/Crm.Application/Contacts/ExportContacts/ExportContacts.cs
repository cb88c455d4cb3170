using AutoMapper;
using AutoMapper.QueryableExtensions;
using Crm.Application.Common;
using Crm.Application.Contacts.ListContacts;
using Crm.Application.CustomFields;
using Crm.Contracts.Customers;
using Crm.Domain.CustomFields;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Crm.Application.Contacts.ExportContacts;

/// <summary>Every contact matching the list's filters, streamed in id order, as the customers export does.</summary>
public sealed record ExportContacts(ContactFilter Filter) : IQuery<ExportStream<ContactResponse>>;

public sealed class ExportContactsValidator : AbstractValidator<ExportContacts>
{
    public ExportContactsValidator() => RuleFor(x => x.Filter).SetValidator(new ContactFilterValidator());
}

public sealed class ExportContactsHandler(IBulkDbContext bulk, IMapper mapper) : IQueryHandler<ExportContacts, ExportStream<ContactResponse>>
{
    public async ValueTask<ExportStream<ContactResponse>> Handle(ExportContacts query, CancellationToken cancellationToken)
    {
        var db = await bulk.OpenAsync(cancellationToken); // streamed for as long as the client takes to download it: a bulk connection
        var rows = (await query.Filter.ApplyAsync(db, db.Contacts.AsNoTracking(), cancellationToken))
            .OrderBy(c => c.Id)
            .ProjectTo<ContactResponse>(mapper.ConfigurationProvider)
            .AsAsyncEnumerable();
        return new(await CustomFieldSchema.KeysAsync(db, CustomFieldEntity.Contacts, cancellationToken), rows);
    }
}
