using AutoMapper;
using AutoMapper.QueryableExtensions;
using Crm.Application.Common;
using Crm.Contracts.Users;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Crm.Application.Users.GetUser;

public sealed record GetUser(Guid Id) : IQuery<Versioned<UserResponse>>;

public sealed class GetUserHandler(ICrmDbContext db, IMapper mapper) : IQueryHandler<GetUser, Versioned<UserResponse>>
{
    public async ValueTask<Versioned<UserResponse>> Handle(GetUser request, CancellationToken cancellationToken) =>
        await db.Users.AsNoTracking().Where(u => u.Id == request.Id)
            .ProjectTo<Versioned<UserResponse>>(mapper.ConfigurationProvider)
            .FirstOrDefaultAsync(cancellationToken)
        ?? throw new NotFoundException("notFound.user", request.Id);
}
