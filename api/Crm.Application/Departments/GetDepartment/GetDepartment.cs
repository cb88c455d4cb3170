using AutoMapper;
using AutoMapper.QueryableExtensions;
using Crm.Application.Common;
using Crm.Contracts.Users;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Crm.Application.Departments.GetDepartment;

public sealed record GetDepartment(Guid Id) : IQuery<Versioned<DepartmentResponse>>;

public sealed class GetDepartmentHandler(ICrmDbContext db, IMapper mapper) : IQueryHandler<GetDepartment, Versioned<DepartmentResponse>>
{
    public async ValueTask<Versioned<DepartmentResponse>> Handle(GetDepartment request, CancellationToken cancellationToken) =>
        await db.Departments.AsNoTracking().Where(d => d.Id == request.Id)
            .ProjectTo<Versioned<DepartmentResponse>>(mapper.ConfigurationProvider).FirstOrDefaultAsync(cancellationToken)
        ?? throw new NotFoundException("notFound.department", request.Id);
}
