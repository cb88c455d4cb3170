using System.Text.Json.Nodes;
using Crm.Application.Common;
using Crm.Application.Exports.RecordExport;
using Crm.Domain.Common;
using Mediator;

namespace Crm.Application.Imports.RecordRejectedRowsDownload;

/// <summary>
/// The audit entry of a download of an import's rejected rows (GET /imports/{id}/errors): they are the rows as they were
/// sent, personal data like any export's, and an Admin may download anyone's. Written as an export's entry (action
/// <c>exported</c>, entity type <c>export</c>, a new id) whose changes say <c>entity</c> importRejectedRows, the format,
/// the channel, and which import (<c>importId</c>) and of what (<c>of</c>: customers or contacts). Sent once the download
/// holds its connection, so that a refused one (404, 503) writes nothing.
/// </summary>
public sealed record RecordRejectedRowsDownload(Guid ImportId, string Entity) : ICommand;

public sealed class RecordRejectedRowsDownloadHandler(ICrmDbContext db, ICurrentUser currentUser, TimeProvider clock) : ICommandHandler<RecordRejectedRowsDownload>
{
    public const string Entity = "importRejectedRows";

    public async ValueTask<Unit> Handle(RecordRejectedRowsDownload command, CancellationToken cancellationToken)
    {
        var changes = new JsonObject();
        RecordExportHandler.SetAfter(changes, "entity", Entity);
        RecordExportHandler.SetAfter(changes, "format", "csv");
        RecordExportHandler.SetAfter(changes, "channel", "direct");
        RecordExportHandler.SetAfter(changes, "importId", command.ImportId.ToString());
        RecordExportHandler.SetAfter(changes, "of", command.Entity);
        db.AuditEntries.Add(RecordExportHandler.Entry(clock, currentUser.Id, currentUser.Name, OrderedIds.Next(), changes.ToJsonString(CrmJson.Options)));
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
