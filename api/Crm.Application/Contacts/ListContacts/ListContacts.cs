using AutoMapper;
using AutoMapper.QueryableExtensions;
using Crm.Application.Common;
using Crm.Application.CustomFields;
using Crm.Contracts.Common;
using Crm.Contracts.Customers;
using Crm.Domain.CustomFields;
using Crm.Domain.Customers;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Crm.Application.Contacts.ListContacts;

/// <summary>GET /contacts and GET /customers/{id}/contacts.</summary>
public sealed record ListContacts : IQuery<Page<ContactResponse>>
{
    public static readonly string[] SortFields = ["firstName", "createdAt", "updatedAt"];

    public Guid? CustomerId { get; init; }

    public int Limit { get; init; } = Paging.DefaultLimit;

    public string? Cursor { get; init; }

    public string? Q { get; init; }

    public string? Sort { get; init; }

    public bool Archived { get; init; }

    public bool IncludeTotal { get; init; }

    /// <summary>Custom-field filters, <c>key:value</c>.</summary>
    public IReadOnlyList<string>? CustomFields { get; init; }
}

/// <summary>The filters a contact list or export takes (shared so both see the same rows).</summary>
public sealed record ContactFilter(Guid? CustomerId, string? Q, bool Archived, IReadOnlyList<string>? CustomFields = null)
{
    /// <summary>The filters as a query; an unknown customer is a 404.</summary>
    public async Task<IQueryable<Contact>> ApplyAsync(ICrmDbContext db, IQueryable<Contact> query, CancellationToken ct)
    {
        var (filter, words) = await PrepareAsync(db, ct);
        return SearchQuery.Matching(filter(query), words);
    }

    /// <summary>
    /// The filters but <c>?q=</c>, as a function over any query of contacts, and the words of <c>?q=</c> (null without
    /// one): <see cref="SearchQuery.PageAsync"/> applies the filters to the rows it walks. An unknown customer is a 404.
    /// </summary>
    public async Task<(Func<IQueryable<Contact>, IQueryable<Contact>> Filter, IReadOnlyList<SearchWord>? Words)> PrepareAsync(ICrmDbContext db, CancellationToken ct)
    {
        if (CustomerId is { } customerId && !await db.Customers.AnyAsync(c => c.Id == customerId, ct))
        {
            throw new NotFoundException("notFound.customer", customerId);
        }

        var containments = await CustomFieldSchema.FiltersAsync(db, CustomFieldEntity.Contacts, CustomFields, ct);
        var words = await SearchQuery.PrepareAsync(db, Q, withKeys: false, ct);
        var archived = Archived;
        var customer = CustomerId;
        return (query =>
        {
            query = query.Where(c => archived ? c.ArchivedAt != null : c.ArchivedAt == null);
            if (customer is { } id)
            {
                query = query.Where(c => c.CustomerId == id);
            }

            foreach (var containment in containments)
            {
                query = query.Where(c => EF.Functions.JsonContains(c.CustomFields, containment));
            }

            return query;
        }, words);
    }
}

public sealed class ContactFilterValidator : AbstractValidator<ContactFilter>
{
    public ContactFilterValidator()
    {
        RuleFor(x => x.Q).MaximumLength(SearchQuery.MaxLength);
        this.CustomFieldFilters(x => x.CustomFields);
    }
}

public sealed class ListContactsValidator : AbstractValidator<ListContacts>
{
    public ListContactsValidator()
    {
        RuleFor(x => x.Limit).InclusiveBetween(1, Paging.MaxLimit).OverridePropertyName("limit");
        RuleFor(x => new ContactFilter(x.CustomerId, x.Q, x.Archived, x.CustomFields)).SetValidator(new ContactFilterValidator()).OverridePropertyName("Filter");
    }
}

public sealed class ListContactsHandler(ICrmDbContext db, IMapper mapper) : IQueryHandler<ListContacts, Page<ContactResponse>>
{
    public async ValueTask<Page<ContactResponse>> Handle(ListContacts request, CancellationToken cancellationToken)
    {
        // A search runs several statements (corrections, the window, the page, the total): on one connection, as the
        // customer list's do, instead of queueing for one before each.
        await using var held = await HeldConnection.OpenAsync(db, cancellationToken);
        var (filter, words) = await new ContactFilter(request.CustomerId, request.Q, request.Archived, request.CustomFields).PrepareAsync(db, cancellationToken);
        var (field, desc) = Keyset.ParseSort(request.Sort, "createdAt", ListContacts.SortFields);
        var scope = $"contacts:{field}:{(desc ? "d" : "a")}";
        (string Key, Guid Id)? after = request.Cursor is null ? null : Paging.Decode(request.Cursor, scope);

        var contacts = db.Contacts.AsNoTracking();
        long? total = request.IncludeTotal ? await SearchQuery.Matching(filter(contacts), words).LongCountAsync(cancellationToken) : null;
        var (items, hasMore) = await SearchQuery.PageAsync(
            db,
            contacts,
            // Each sort has an index over the active contacts; a customer's contacts are few enough to search whole.
            !request.Archived && request.CustomerId is null ? contacts.Where(c => c.ArchivedAt == null) : null,
            filter,
            words,
            field switch
            {
                "firstName" => Keyset.Sort<Contact, string>(c => c.FirstName, desc, after),
                "updatedAt" => Keyset.Sort<Contact, DateTimeOffset>(c => c.UpdatedAt, desc, after is { } a ? (Paging.ParseTime(a.Key), a.Id) : null),
                _ => Keyset.Sort<Contact, DateTimeOffset>(c => c.CreatedAt, desc, after is { } a ? (Paging.ParseTime(a.Key), a.Id) : null),
            },
            query => query.ProjectTo<ContactResponse>(mapper.ConfigurationProvider),
            request.Limit,
            cancellationToken);
        string? next = null;
        if (hasMore)
        {
            var last = items[^1];
            var key = field switch
            {
                "firstName" => last.FirstName,
                "updatedAt" => Paging.Key(last.UpdatedAt),
                _ => Paging.Key(last.CreatedAt),
            };
            next = Paging.Encode(scope, key, last.Id);
        }

        return new Page<ContactResponse> { Items = items, NextCursor = next, Total = total };
    }
}
