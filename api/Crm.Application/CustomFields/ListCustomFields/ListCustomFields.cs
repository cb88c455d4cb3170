using AutoMapper;
using AutoMapper.QueryableExtensions;
using Crm.Application.Common;
using Crm.Contracts.Common;
using Crm.Contracts.CustomFields;
using CustomFieldEntity = Crm.Domain.CustomFields.CustomFieldEntity;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Crm.Application.CustomFields.ListCustomFields;

/// <summary>Definitions in creation order (the order forms show them in), keyset-paginated.</summary>
public sealed record ListCustomFields : IQuery<Page<CustomFieldResponse>>
{
    public string? Entity { get; init; }

    public int Limit { get; init; } = Paging.DefaultLimit;

    public string? Cursor { get; init; }
}

public sealed class ListCustomFieldsValidator : AbstractValidator<ListCustomFields>
{
    public ListCustomFieldsValidator()
    {
        RuleFor(x => x.Entity).Must(v => EnumFilter.IsValid<CustomFieldEntity>(v)).WithMessage(_ => EnumFilter.Message<CustomFieldEntity>()).OverridePropertyName("entity");
        RuleFor(x => x.Limit).InclusiveBetween(1, Paging.MaxLimit).OverridePropertyName("limit");
    }
}

public sealed class ListCustomFieldsHandler(ICrmDbContext db, IMapper mapper) : IQueryHandler<ListCustomFields, Page<CustomFieldResponse>>
{
    private const string Scope = "custom-fields:createdAt:a";

    public async ValueTask<Page<CustomFieldResponse>> Handle(ListCustomFields request, CancellationToken cancellationToken)
    {
        (string Key, Guid Id)? after = request.Cursor is null ? null : Paging.Decode(request.Cursor, Scope);
        var query = db.CustomFields.AsNoTracking();
        if (EnumFilter.Parse<CustomFieldEntity>(request.Entity) is { } entity)
        {
            query = query.Where(f => f.Entity == entity);
        }

        query = Keyset.OrderAndSeek(query, f => f.CreatedAt, false, after is { } a ? (Paging.ParseTime(a.Key), a.Id) : null);
        var (items, hasMore) = await Keyset.TakePageAsync(query.ProjectTo<CustomFieldResponse>(mapper.ConfigurationProvider), request.Limit, cancellationToken);
        return new Page<CustomFieldResponse>
        {
            Items = items,
            NextCursor = hasMore ? Paging.Encode(Scope, Paging.Key(items[^1].CreatedAt), items[^1].Id) : null,
        };
    }
}
