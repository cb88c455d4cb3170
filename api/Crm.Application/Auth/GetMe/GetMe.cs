using AutoMapper;
using AutoMapper.QueryableExtensions;
using Crm.Application.Common;
using Crm.Contracts.Users;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Crm.Application.Auth.GetMe;

public sealed record GetMe : IQuery<MeResponse>;

public sealed class GetMeHandler(ICrmDbContext db, ICurrentUser currentUser, IMapper mapper) : IQueryHandler<GetMe, MeResponse>
{
    public async ValueTask<MeResponse> Handle(GetMe request, CancellationToken cancellationToken)
    {
        var id = currentUser.Id ?? throw new UnauthorizedException(Texts.Get("auth.signInFirst"));
        return await db.Users.AsNoTracking().Where(u => u.Id == id && u.Active)
                .ProjectTo<MeResponse>(mapper.ConfigurationProvider)
                .FirstOrDefaultAsync(cancellationToken)
            ?? throw new UnauthorizedException(Texts.Get("auth.accountGone"));
    }
}
