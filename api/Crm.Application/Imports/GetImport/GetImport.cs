using AutoMapper;
using AutoMapper.QueryableExtensions;
using Crm.Application.Common;
using Crm.Contracts.Imports;
using Crm.Domain.Users;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Crm.Application.Imports.GetImport;

/// <summary>A job as its creator (or an Admin) sees it; others get 404.</summary>
public sealed record GetImport(Guid Id) : IQuery<Versioned<ImportJobResponse>>;

public sealed class GetImportHandler(ICrmDbContext db, IMapper mapper, ICurrentUser user) : IQueryHandler<GetImport, Versioned<ImportJobResponse>>
{
    public async ValueTask<Versioned<ImportJobResponse>> Handle(GetImport request, CancellationToken cancellationToken)
    {
        var admin = user.IsInRole(Roles.Admin);
        var me = user.Id;
        return await db.ImportJobs.AsNoTracking()
                .Where(j => j.Id == request.Id && (admin || j.CreatedById == me))
                .ProjectTo<Versioned<ImportJobResponse>>(mapper.ConfigurationProvider)
                .FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("notFound.import", request.Id);
    }
}
