using System.Text.Json;
using AutoMapper;
using AutoMapper.QueryableExtensions;
using Crm.Application.Common;
using Crm.Contracts.Common;
using Crm.Contracts.Customers;
using Crm.Domain.Customers;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Crm.Application.Contacts;

internal static class ContactInputs
{
    public static ContactDetails ToDetails(ContactInput input)
    {
        ContactPoints.TryNormalizePhone(input.Phone, null, out var phone);
        return new ContactDetails(
            input.CustomerId!.Value,
            input.FirstName!.Trim(),
            Clean(input.LastName),
            ContactPoints.NormalizeEmail(input.Email),
            phone,
            Clean(input.JobTitle),
            input.EmailConsent);
    }

    public static ContactInput ToInput(Contact c) => new()
    {
        CustomerId = c.CustomerId,
        FirstName = c.FirstName,
        LastName = c.LastName,
        Email = c.Email,
        Phone = c.Phone,
        JobTitle = c.JobTitle,
        EmailConsent = c.EmailConsent,
    };

    public static async Task EnsureValidAsync(ICrmDbContext db, ContactDetails d, Guid? self, CancellationToken ct)
    {
        if (!await db.Customers.AnyAsync(c => c.Id == d.CustomerId, ct))
        {
            throw new BadRequestException("customerId", "No customer has this id.");
        }

        if (d.Email is { } email)
        {
            var existing = await db.Contacts.Where(c => c.Email == email && c.Id != self).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(ct);
            if (existing is { } id)
            {
                throw new ConflictException("A contact with this email already exists.", "email", id, $"/api/v1/contacts/{id}");
            }
        }
    }

    public static async Task<Versioned<ContactResponse>> ApplyAsync(
        ICrmDbContext db, IMapper mapper, Contact contact, ContactInput input, uint? ifMatch, CancellationToken ct)
    {
        Concurrency.Check(db, contact, ifMatch);
        var details = ToDetails(input);
        await EnsureValidAsync(db, details, contact.Id, ct);
        contact.Update(details);
        await db.SaveChangesAsync(ct);
        return mapper.Map<Versioned<ContactResponse>>(contact);
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

public sealed record CreateContact(ContactInput Input) : ICommand<Versioned<ContactResponse>>;

public sealed class CreateContactValidator : AbstractValidator<CreateContact>
{
    public CreateContactValidator() => RuleFor(x => x.Input).NotNull().SetValidator(new ContactInputValidator());
}

public sealed class CreateContactHandler(ICrmDbContext db, IMapper mapper) : ICommandHandler<CreateContact, Versioned<ContactResponse>>
{
    public async ValueTask<Versioned<ContactResponse>> Handle(CreateContact request, CancellationToken cancellationToken)
    {
        var details = ContactInputs.ToDetails(request.Input);
        await ContactInputs.EnsureValidAsync(db, details, null, cancellationToken);
        var contact = Contact.Create(details);
        db.Contacts.Add(contact);
        await db.SaveChangesAsync(cancellationToken);
        return mapper.Map<Versioned<ContactResponse>>(contact);
    }
}

public sealed record GetContact(Guid Id) : IQuery<Versioned<ContactResponse>>;

public sealed class GetContactHandler(ICrmDbContext db, IMapper mapper) : IQueryHandler<GetContact, Versioned<ContactResponse>>
{
    public async ValueTask<Versioned<ContactResponse>> Handle(GetContact request, CancellationToken cancellationToken) =>
        await db.Contacts.AsNoTracking().Where(c => c.Id == request.Id)
            .ProjectTo<Versioned<ContactResponse>>(mapper.ConfigurationProvider)
            .FirstOrDefaultAsync(cancellationToken)
        ?? throw new NotFoundException("Contact", request.Id);
}

public sealed record UpdateContact(Guid Id, ContactInput Input, uint? IfMatch) : ICommand<Versioned<ContactResponse>>;

public sealed class UpdateContactValidator : AbstractValidator<UpdateContact>
{
    public UpdateContactValidator() => RuleFor(x => x.Input).NotNull().SetValidator(new ContactInputValidator());
}

public sealed class UpdateContactHandler(ICrmDbContext db, IMapper mapper) : ICommandHandler<UpdateContact, Versioned<ContactResponse>>
{
    public async ValueTask<Versioned<ContactResponse>> Handle(UpdateContact request, CancellationToken cancellationToken)
    {
        var contact = await db.Contacts.FirstOrDefaultAsync(c => c.Id == request.Id, cancellationToken)
            ?? throw new NotFoundException("Contact", request.Id);
        return await ContactInputs.ApplyAsync(db, mapper, contact, request.Input, request.IfMatch, cancellationToken);
    }
}

public sealed record PatchContact(Guid Id, JsonElement Patch, uint? IfMatch) : ICommand<Versioned<ContactResponse>>;

public sealed class PatchContactHandler(ICrmDbContext db, IMapper mapper, IValidator<ContactInput> validator)
    : ICommandHandler<PatchContact, Versioned<ContactResponse>>
{
    public async ValueTask<Versioned<ContactResponse>> Handle(PatchContact request, CancellationToken cancellationToken)
    {
        var contact = await db.Contacts.FirstOrDefaultAsync(c => c.Id == request.Id, cancellationToken)
            ?? throw new NotFoundException("Contact", request.Id);
        Concurrency.Check(db, contact, request.IfMatch);
        var input = MergePatch.Apply(ContactInputs.ToInput(contact), request.Patch);
        await validator.ValidateAndThrowAsync(input, cancellationToken);
        return await ContactInputs.ApplyAsync(db, mapper, contact, input, request.IfMatch, cancellationToken);
    }
}

public sealed record ArchiveContact(Guid Id, uint? IfMatch) : ICommand;

public sealed class ArchiveContactHandler(ICrmDbContext db, TimeProvider clock) : ICommandHandler<ArchiveContact>
{
    public async ValueTask<Unit> Handle(ArchiveContact request, CancellationToken cancellationToken)
    {
        var contact = await db.Contacts.FirstOrDefaultAsync(c => c.Id == request.Id, cancellationToken)
            ?? throw new NotFoundException("Contact", request.Id);
        Concurrency.Check(db, contact, request.IfMatch);
        if (contact.Archive(clock.GetUtcNow()))
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return Unit.Value;
    }
}

public sealed record RestoreContact(Guid Id) : ICommand<Versioned<ContactResponse>>;

public sealed class RestoreContactHandler(ICrmDbContext db, IMapper mapper) : ICommandHandler<RestoreContact, Versioned<ContactResponse>>
{
    public async ValueTask<Versioned<ContactResponse>> Handle(RestoreContact request, CancellationToken cancellationToken)
    {
        var contact = await db.Contacts.FirstOrDefaultAsync(c => c.Id == request.Id, cancellationToken)
            ?? throw new NotFoundException("Contact", request.Id);
        if (contact.Restore())
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return mapper.Map<Versioned<ContactResponse>>(contact);
    }
}

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
}

public sealed class ListContactsValidator : AbstractValidator<ListContacts>
{
    public ListContactsValidator()
    {
        RuleFor(x => x.Limit).InclusiveBetween(1, Paging.MaxLimit).OverridePropertyName("limit");
        RuleFor(x => x.Q).MaximumLength(SearchQuery.MaxLength).OverridePropertyName("q");
    }
}

public sealed class ListContactsHandler(ICrmDbContext db, IMapper mapper) : IQueryHandler<ListContacts, Page<ContactResponse>>
{
    public async ValueTask<Page<ContactResponse>> Handle(ListContacts request, CancellationToken cancellationToken)
    {
        if (request.CustomerId is { } customerId && !await db.Customers.AnyAsync(c => c.Id == customerId, cancellationToken))
        {
            throw new NotFoundException("Customer", customerId);
        }

        var (field, desc) = Keyset.ParseSort(request.Sort, "createdAt", ListContacts.SortFields);
        var scope = $"contacts:{field}:{(desc ? "d" : "a")}";
        (string Key, Guid Id)? after = request.Cursor is null ? null : Paging.Decode(request.Cursor, scope);

        var query = db.Contacts.AsNoTracking().Where(c => request.Archived ? c.ArchivedAt != null : c.ArchivedAt == null);
        if (request.CustomerId is { } id)
        {
            query = query.Where(c => c.CustomerId == id);
        }

        if (SearchQuery.Prepare(request.Q) is { } search)
        {
            query = query.Where(c => EF.Functions.Like(c.SearchText, search.LikePattern, "\\")
                || EF.Functions.TrigramsAreWordSimilar(search.Folded, c.SearchText));
        }

        long? total = request.IncludeTotal ? await query.LongCountAsync(cancellationToken) : null;
        query = field switch
        {
            "firstName" => Keyset.OrderAndSeek(query, c => c.FirstName, desc, after),
            "updatedAt" => Keyset.OrderAndSeek(query, c => c.UpdatedAt, desc, after is { } a ? (Paging.ParseTime(a.Key), a.Id) : null),
            _ => Keyset.OrderAndSeek(query, c => c.CreatedAt, desc, after is { } a ? (Paging.ParseTime(a.Key), a.Id) : null),
        };

        var (items, hasMore) = await Keyset.TakePageAsync(query.ProjectTo<ContactResponse>(mapper.ConfigurationProvider), request.Limit, cancellationToken);
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
