using AutoMapper;
using AutoMapper.QueryableExtensions;
using Crm.Application.Common;
using Crm.Contracts.ApiTokens;
using Crm.Contracts.Common;
using Crm.Domain.Users;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Crm.Application.ApiTokens.ListApiTokens;

/// <summary>Your tokens; Admins see everyone's (to revoke a leaked one).</summary>
public sealed record ListApiTokens : IQuery<Page<ApiTokenResponse>>;

public sealed class ListApiTokensHandler(ICrmDbContext db, ICurrentUser currentUser, IMapper mapper) : IQueryHandler<ListApiTokens, Page<ApiTokenResponse>>
{
    public async ValueTask<Page<ApiTokenResponse>> Handle(ListApiTokens request, CancellationToken cancellationToken)
    {
        var query = db.ApiTokens.AsNoTracking();
        if (!currentUser.IsInRole(Roles.Admin))
        {
            query = query.Where(t => t.OwnerId == currentUser.Id);
        }

        return new Page<ApiTokenResponse>
        {
            Items = await query.OrderByDescending(t => t.Id).Take(Paging.MaxLimit)
                .ProjectTo<ApiTokenResponse>(mapper.ConfigurationProvider).ToListAsync(cancellationToken),
        };
    }
}
