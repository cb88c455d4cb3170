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

/// <summary>Definitions are few (tens per entity); one page holds them all, in creation order.</summary>
public sealed record ListCustomFields(string? Entity) : IQuery<Page<CustomFieldResponse>>;

public sealed class ListCustomFieldsValidator : AbstractValidator<ListCustomFields>
{
    public ListCustomFieldsValidator() =>
        RuleFor(x => x.Entity).Must(v => EnumFilter.IsValid<CustomFieldEntity>(v)).WithMessage(EnumFilter.Message<CustomFieldEntity>()).OverridePropertyName("entity");
}

public sealed class ListCustomFieldsHandler(ICrmDbContext db, IMapper mapper) : IQueryHandler<ListCustomFields, Page<CustomFieldResponse>>
{
    public async ValueTask<Page<CustomFieldResponse>> Handle(ListCustomFields request, CancellationToken cancellationToken)
    {
        var query = db.CustomFields.AsNoTracking();
        if (EnumFilter.Parse<CustomFieldEntity>(request.Entity) is { } entity)
        {
            query = query.Where(f => f.Entity == entity);
        }

        return new()
        {
            Items = await query.OrderBy(f => f.Entity).ThenBy(f => f.Id)
                .ProjectTo<CustomFieldResponse>(mapper.ConfigurationProvider).ToListAsync(cancellationToken),
        };
    }
}
