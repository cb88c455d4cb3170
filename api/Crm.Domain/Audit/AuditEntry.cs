using Crm.Domain.Common;

namespace Crm.Domain.Audit;

/// <summary>One change to one record, written in the transaction that made it; or one export of personal data, as it starts.</summary>
public sealed class AuditEntry
{
    private AuditEntry()
    {
    }

    public Guid Id { get; private init; } = OrderedIds.Next();

    public DateTimeOffset OccurredAt { get; private init; }

    public Guid? ActorId { get; private init; }

    public string? ActorName { get; private init; }

    /// <summary>created, updated, archived, restored or deleted; exported (entity type export).</summary>
    public string Action { get; private init; } = string.Empty;

    public string EntityType { get; private init; } = string.Empty;

    public Guid EntityId { get; private init; }

    /// <summary>JSON object: field → { before, after }.</summary>
    public string Changes { get; private init; } = "{}";

    public string? TraceId { get; private init; }

    public static AuditEntry Record(
        DateTimeOffset occurredAt, Guid? actorId, string? actorName, string action, string entityType, Guid entityId, string changes, string? traceId) =>
        new()
        {
            OccurredAt = occurredAt,
            ActorId = actorId,
            ActorName = actorName,
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            Changes = changes,
            TraceId = traceId,
        };
}
