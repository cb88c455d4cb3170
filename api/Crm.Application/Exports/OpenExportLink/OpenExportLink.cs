using Crm.Application.Common;
using Crm.Domain.Users;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Crm.Application.Exports.OpenExportLink;

/// <summary>
/// The export a download link stands for, while it is unused and unexpired and its user may still read customers;
/// a 404 otherwise, one message for unknown, used and expired so that tokens cannot be probed. A link made with an API
/// token also needs that token to hold still (not revoked, not expired, still with customers:read): a 403 otherwise, so
/// that revoking a token stops its exports at once. It does not use the link up: <see cref="ClaimExportLink"/> does,
/// once the export has its connection.
/// </summary>
public sealed record OpenExportLink(string Token) : IQuery<OpenedExportLink>;

public sealed record OpenedExportLink(Guid Id, Guid UserId, string UserName, ExportTarget Target);

/// <summary>Uses the link up: exactly one of any number of concurrent downloads gets it; the others are 404s.</summary>
public sealed record ClaimExportLink(Guid Id) : ICommand;

public sealed class OpenExportLinkHandler(ICrmDbContext db, TimeProvider clock)
    : IQueryHandler<OpenExportLink, OpenedExportLink>, ICommandHandler<ClaimExportLink>
{
    public async ValueTask<OpenedExportLink> Handle(OpenExportLink query, CancellationToken cancellationToken)
    {
        var hash = ExportLinks.Hash(query.Token);
        var link = await db.ExportLinks.AsNoTracking().FirstOrDefaultAsync(l => l.TokenHash == hash, cancellationToken);
        if (link is null || !link.IsUsable(clock.GetUtcNow()))
        {
            throw NotFoundException.Worded("exports.linkGone");
        }

        // The user as they are now, not as they were when the link was made.
        var user = await db.Users.AsNoTracking().Where(u => u.Id == link.UserId).Select(u => new { u.Name, u.Active, u.Roles }).FirstOrDefaultAsync(cancellationToken);
        if (user is not { Active: true } || !user.Roles.Any(r => Roles.CustomerReaders.Contains(r, StringComparer.Ordinal)))
        {
            throw new ForbiddenException(Texts.Get("exports.linkUserMayNot"));
        }

        // And the token as it is now: a deleted one (no row) is refused as a revoked one.
        if (link.ApiTokenId is { } tokenId)
        {
            var token = await db.ApiTokens.AsNoTracking().FirstOrDefaultAsync(t => t.Id == tokenId, cancellationToken);
            if (token is null || !token.IsActive(clock.GetUtcNow()) || !token.Scopes.Contains(Scopes.CustomersRead, StringComparer.Ordinal))
            {
                throw new ForbiddenException(Texts.Get("exports.linkTokenMayNot"));
            }
        }

        return new OpenedExportLink(link.Id, link.UserId, user.Name, ExportLinks.Read(link.Export));
    }

    public async ValueTask<Unit> Handle(ClaimExportLink command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        // One conditional UPDATE: a second download waits for the first one's row lock, then finds the link used.
        var claimed = await db.ExportLinks.Where(l => l.Id == command.Id && l.UsedAt == null && l.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.UsedAt, now).SetProperty(l => l.UpdatedAt, now), cancellationToken);
        return claimed == 1 ? Unit.Value : throw NotFoundException.Worded("exports.linkGone");
    }
}
