using AutoMapper;
using AutoMapper.QueryableExtensions;
using Crm.Application.Common;
using Crm.Contracts.Users;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Crm.Application.Departments.GetDepartment;

public sealed record GetDepartment(Guid Id) : IQuery<DepartmentResponse>;

public sealed class GetDepartmentHandler(ICrmDbContext db, IMapper mapper) : IQueryHandler<GetDepartment, DepartmentResponse>
{
    public async ValueTask<DepartmentResponse> Handle(GetDepartment request, CancellationToken cancellationToken) =>
        await db.Departments.AsNoTracking().Where(d => d.Id == request.Id)
            .ProjectTo<DepartmentResponse>(mapper.ConfigurationProvider).FirstOrDefaultAsync(cancellationToken)
        ?? throw new NotFoundException("Department", request.Id);
}
