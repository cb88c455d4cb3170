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
/// <param name="Filter">The list's filters.</param>
/// <param name="DryRun">
/// Check the filters as the export does (the same 400s and 404s) and read nothing: no bulk connection, no rows. For
/// HEAD, and before making a download link.
/// </param>
public sealed record ExportContacts(ContactFilter Filter, bool DryRun = false) : IQuery<ExportStream<ContactResponse>>;

public sealed class ExportContactsValidator : AbstractValidator<ExportContacts>
{
    public ExportContactsValidator() => RuleFor(x => x.Filter).SetValidator(new ContactFilterValidator());
}

public sealed class ExportContactsHandler(IBulkDbContext bulk, ICrmDbContext requestDb, IMapper mapper) : IQueryHandler<ExportContacts, ExportStream<ContactResponse>>
{
    public async ValueTask<ExportStream<ContactResponse>> Handle(ExportContacts query, CancellationToken cancellationToken)
    {
        if (query.DryRun)
        {
            await query.Filter.PrepareAsync(requestDb, cancellationToken);
            return new([], AsyncEnumerable.Empty<ContactResponse>());
        }

        var db = await bulk.OpenAsync(cancellationToken); // streamed for as long as the client takes to download it: a bulk connection
        var rows = (await query.Filter.ApplyAsync(db, db.Contacts.AsNoTracking(), cancellationToken))
            .OrderBy(c => c.Id)
            .ProjectTo<ContactResponse>(mapper.ConfigurationProvider)
            .AsAsyncEnumerable();
        return new(await CustomFieldSchema.KeysAsync(db, CustomFieldEntity.Contacts, cancellationToken), rows);
    }
}
