using AutoMapper;
using AutoMapper.QueryableExtensions;
using Crm.Application.Common;
using Crm.Contracts.Common;
using Crm.Contracts.Users;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Crm.Application.Departments.ListDepartments;

/// <summary>Departments are few (tens); one page holds them all, sorted by name.</summary>
public sealed record ListDepartments : IQuery<Page<DepartmentResponse>>;

public sealed class ListDepartmentsHandler(ICrmDbContext db, IMapper mapper) : IQueryHandler<ListDepartments, Page<DepartmentResponse>>
{
    public async ValueTask<Page<DepartmentResponse>> Handle(ListDepartments request, CancellationToken cancellationToken) =>
        new()
        {
            Items = await db.Departments.AsNoTracking().OrderBy(d => d.Name)
                .ProjectTo<DepartmentResponse>(mapper.ConfigurationProvider).ToListAsync(cancellationToken),
        };
}
