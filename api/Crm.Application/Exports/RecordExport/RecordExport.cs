using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Crm.Application.Audit;
using Crm.Application.Common;
using Crm.Application.Exports.OpenExportLink;
using Crm.Domain.Audit;
using Crm.Domain.Common;
using Crm.Domain.Customers;
using Mediator;

namespace Crm.Application.Exports.RecordExport;

/// <summary>
/// The audit entry of an export that is about to stream (who exported personal data is a GDPR question): action
/// <c>exported</c>, entity type <c>export</c>, and in its changes (each only <c>after</c>) the entity, the format, the
/// channel and the filters that are set, normalised. A direct export (<paramref name="Link"/> null) is the current
/// user's, with a new id; a link's download is the link user's, with the link's id. Sent once the export holds its
/// connection (and a link is claimed), so that a refused export writes nothing; the row count is not known yet.
/// </summary>
public sealed record RecordExport(ExportTarget Target, OpenedExportLink? Link) : ICommand;

public sealed class RecordExportHandler(IBulkDbContext bulk, ICurrentUser currentUser, TimeProvider clock) : ICommandHandler<RecordExport>
{
    public const string Action = "exported";

    public async ValueTask<Unit> Handle(RecordExport command, CancellationToken cancellationToken)
    {
        // The export's own bulk connection, already open: one INSERT on it, no second connection for the request.
        var db = await bulk.OpenAsync(cancellationToken);
        var link = command.Link;
        db.AuditEntries.Add(Entry(
            clock,
            link?.UserId ?? currentUser.Id,
            link is null ? currentUser.Name : link.UserName,
            link?.Id ?? OrderedIds.Next(),
            Describe(command.Target, link is null ? "direct" : "link")));
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }

    /// <summary>An export's audit entry, as of now: action <see cref="Action"/>, entity type export, in this request's trace.</summary>
    internal static AuditEntry Entry(TimeProvider clock, Guid? actorId, string? actorName, Guid id, string changes)
    {
        var now = clock.GetUtcNow();
        return AuditEntry.Record(
            now.AddTicks(-(now.Ticks % 10)), // PostgreSQL keeps microseconds
            actorId,
            actorName,
            Action,
            AuditEntityTypes.Export,
            id,
            changes,
            Activity.Current?.TraceId.ToString());
    }

    /// <summary>Sets <paramref name="field"/> in an export's changes as <c>{ "after": value }</c>; a null value is left out.</summary>
    internal static void SetAfter(JsonObject changes, string field, JsonNode? value)
    {
        if (value is not null)
        {
            changes[field] = new JsonObject { ["after"] = value };
        }
    }

    /// <summary>What was exported, as audit changes: <c>{ "entity": { "after": "customers" }, "format": …, "channel": …, "q": … }</c>.</summary>
    public static string Describe(ExportTarget target, string channel)
    {
        var changes = new JsonObject();
        void Set(string field, JsonNode? value) => SetAfter(changes, field, value);

        switch (target)
        {
            case CustomersExport { Filter: var f }:
                Set("entity", "customers");
                Set("format", target.Format);
                Set("channel", channel);
                Set("q", Text(f.Q));
                Set("kind", Enum<CustomerKind>(f.Kind));
                Set("type", Enum<CustomerType>(f.Type));
                Set("lifecycleStage", Enum<LifecycleStage>(f.LifecycleStage));
                Set("ownerId", f.OwnerId?.ToString());
                Set("tag", Text(f.Tag));
                Set("archived", f.Archived ? true : null);
                Set("customField", CustomFields(f.CustomFields));
                break;
            case ContactsExport { Filter: var f }:
                Set("entity", "contacts");
                Set("format", target.Format);
                Set("channel", channel);
                Set("q", Text(f.Q));
                Set("customerId", f.CustomerId?.ToString());
                Set("archived", f.Archived ? true : null);
                Set("customField", CustomFields(f.CustomFields));
                break;
            default:
                throw new InvalidOperationException($"No export for {target.GetType().Name}.");
        }

        return changes.ToJsonString(CrmJson.Options);
    }

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    // As on the wire (camelCase), whatever letter case the filter was written in; the validator has let only known names through.
    private static string? Enum<TEnum>(string? value)
        where TEnum : struct, Enum =>
        EnumFilter.Parse<TEnum>(value) is { } parsed ? JsonNamingPolicy.CamelCase.ConvertName(parsed.ToString()) : null;

    private static JsonArray? CustomFields(IReadOnlyList<string>? filters)
    {
        var set = filters?.Where(f => !string.IsNullOrWhiteSpace(f)).Select(f => JsonValue.Create(f.Trim())).ToArray();
        return set is { Length: > 0 } ? new JsonArray(set) : null;
    }
}
