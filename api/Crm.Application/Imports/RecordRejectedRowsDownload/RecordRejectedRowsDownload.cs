using System.Diagnostics;
using System.Text.Json.Nodes;
using Crm.Application.Audit;
using Crm.Application.Common;
using Crm.Application.Exports.RecordExport;
using Crm.Domain.Audit;
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
        var now = clock.GetUtcNow();
        var changes = new JsonObject
        {
            ["entity"] = new JsonObject { ["after"] = Entity },
            ["format"] = new JsonObject { ["after"] = "csv" },
            ["channel"] = new JsonObject { ["after"] = "direct" },
            ["importId"] = new JsonObject { ["after"] = command.ImportId.ToString() },
            ["of"] = new JsonObject { ["after"] = command.Entity },
        };
        db.AuditEntries.Add(AuditEntry.Record(
            now.AddTicks(-(now.Ticks % 10)), // PostgreSQL keeps microseconds
            currentUser.Id,
            currentUser.Name,
            RecordExportHandler.Action,
            AuditEntityTypes.Export,
            OrderedIds.Next(),
            changes.ToJsonString(CrmJson.Options),
            Activity.Current?.TraceId.ToString()));
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
