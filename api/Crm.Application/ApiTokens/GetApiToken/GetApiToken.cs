using AutoMapper;
using AutoMapper.QueryableExtensions;
using Crm.Application.Common;
using Crm.Contracts.ApiTokens;
using Crm.Domain.Users;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Crm.Application.ApiTokens.GetApiToken;

/// <summary>One token as the list shows it (never its secret): your own; an Admin reads everyone's. Another's is a 404.</summary>
public sealed record GetApiToken(Guid Id) : IQuery<Versioned<ApiTokenResponse>>;

public sealed class GetApiTokenHandler(ICrmDbContext db, ICurrentUser currentUser, IMapper mapper) : IQueryHandler<GetApiToken, Versioned<ApiTokenResponse>>
{
    public async ValueTask<Versioned<ApiTokenResponse>> Handle(GetApiToken request, CancellationToken cancellationToken)
    {
        var admin = currentUser.IsInRole(Roles.Admin);
        var me = currentUser.Id;
        return await db.ApiTokens.AsNoTracking()
                .Where(t => t.Id == request.Id && (admin || t.OwnerId == me))
                .ProjectTo<Versioned<ApiTokenResponse>>(mapper.ConfigurationProvider)
                .FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("notFound.apiToken", request.Id);
    }
}
