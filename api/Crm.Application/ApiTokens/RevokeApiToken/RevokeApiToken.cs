using Crm.Application.Common;
using Crm.Domain.Users;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Crm.Application.ApiTokens.RevokeApiToken;

public sealed record RevokeApiToken(Guid Id) : ICommand;

public sealed class RevokeApiTokenHandler(ICrmDbContext db, ICurrentUser currentUser, TimeProvider clock) : ICommandHandler<RevokeApiToken>
{
    public async ValueTask<Unit> Handle(RevokeApiToken request, CancellationToken cancellationToken)
    {
        var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.Id == request.Id, cancellationToken);
        if (token is null || (token.OwnerId != currentUser.Id && !currentUser.IsInRole(Roles.Admin)))
        {
            throw new NotFoundException("notFound.apiToken", request.Id);
        }

        if (token.Revoke(clock.GetUtcNow()))
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return Unit.Value;
    }
}
