using AutoMapper;
using AutoMapper.QueryableExtensions;
using Crm.Application.Common;
using Crm.Contracts.Imports;
using Crm.Domain.Users;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Crm.Application.Imports.GetImport;

/// <summary>A job as its creator (or an Admin) sees it; others get 404.</summary>
public sealed record GetImport(Guid Id) : IQuery<ImportJobResponse>;

public sealed class GetImportHandler(ICrmDbContext db, IMapper mapper, ICurrentUser user) : IQueryHandler<GetImport, ImportJobResponse>
{
    public async ValueTask<ImportJobResponse> Handle(GetImport request, CancellationToken cancellationToken)
    {
        var admin = user.IsInRole(Roles.Admin);
        var me = user.Id;
        return await db.ImportJobs.AsNoTracking()
                .Where(j => j.Id == request.Id && (admin || j.CreatedById == me))
                .ProjectTo<ImportJobResponse>(mapper.ConfigurationProvider)
                .FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("Import", request.Id);
    }
}
