using Crm.Application.Common;
using Crm.Contracts.Exports;
using Crm.Domain.Exports;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Crm.Application.Exports.CreateExportLink;

/// <summary>
/// A single-use link that downloads <see cref="Target"/> as the current user, without a bearer token, for
/// <see cref="ExportLinkSettings.Lifetime"/>. The caller has checked the filters (the export's own 400s) first.
/// </summary>
public sealed record CreateExportLink(ExportTarget Target) : ICommand<ExportLinkResponse>;

public sealed class CreateExportLinkHandler(ICrmDbContext db, ICurrentUser currentUser, TimeProvider clock, ExportLinkSettings settings)
    : ICommandHandler<CreateExportLink, ExportLinkResponse>
{
    public async ValueTask<ExportLinkResponse> Handle(CreateExportLink command, CancellationToken cancellationToken)
    {
        var userId = currentUser.Id ?? throw new UnauthorizedException(Texts.Get("auth.signInFirst"));
        var now = clock.GetUtcNow();

        // Links live a minute: whatever has expired (used ones included, soon after) goes as the next one is made.
        await db.ExportLinks.Where(l => l.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);

        var token = ExportLinks.NewToken();
        var link = ExportLink.Issue(userId, currentUser.ApiTokenId, ExportLinks.Hash(token), ExportLinks.Write(command.Target), now.Add(settings.Lifetime));
        db.ExportLinks.Add(link);
        await db.SaveChangesAsync(cancellationToken);
        return new ExportLinkResponse { Url = ExportLinks.DownloadPath + token, ExpiresAt = link.ExpiresAt };
    }
}
