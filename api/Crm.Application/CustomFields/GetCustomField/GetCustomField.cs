using AutoMapper;
using AutoMapper.QueryableExtensions;
using Crm.Application.Common;
using Crm.Contracts.CustomFields;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Crm.Application.CustomFields.GetCustomField;

public sealed record GetCustomField(Guid Id) : IQuery<Versioned<CustomFieldResponse>>;

public sealed class GetCustomFieldHandler(ICrmDbContext db, IMapper mapper) : IQueryHandler<GetCustomField, Versioned<CustomFieldResponse>>
{
    public async ValueTask<Versioned<CustomFieldResponse>> Handle(GetCustomField request, CancellationToken cancellationToken) =>
        await db.CustomFields.AsNoTracking().Where(f => f.Id == request.Id)
            .ProjectTo<Versioned<CustomFieldResponse>>(mapper.ConfigurationProvider)
            .FirstOrDefaultAsync(cancellationToken)
        ?? throw new NotFoundException("notFound.customField", request.Id);
}
