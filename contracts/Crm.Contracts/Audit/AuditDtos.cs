using System.Text.Json;

namespace Crm.Contracts.Audit;

/// <summary>One audited change.</summary>
public sealed record AuditEntryResponse
{
    /// <summary>Entry id (UUIDv7, so ids sort by time).</summary>
    public Guid Id { get; init; }

    /// <summary>When the change was committed (UTC).</summary>
    public DateTimeOffset OccurredAt { get; init; }

    /// <summary>The user who made the change, if any.</summary>
    public Guid? ActorId { get; init; }

    /// <summary>Their display name at the time.</summary>
    public string? ActorName { get; init; }

    /// <summary>created, updated, archived, restored or deleted; exported for an export (entity type export).</summary>
    /// <example>updated</example>
    public string Action { get; init; } = string.Empty;

    /// <summary>
    /// The changed record's type: customer, contact, user, department, apiToken, customFieldDefinition or
    /// webhookSubscription; or export, for an export that started streaming (its id is the download link's, or a new one).
    /// </summary>
    /// <example>customer</example>
    public string EntityType { get; init; } = string.Empty;

    /// <summary>Id of the changed record.</summary>
    public Guid EntityId { get; init; }

    /// <summary>
    /// Changed fields: <c>{ "name": { "before": "A", "after": "B" } }</c>. For an export, only <c>after</c>: entity
    /// (customers or contacts), format (csv or json), channel (direct or link) and each filter that was set (q, type, …).
    /// </summary>
    public JsonElement Changes { get; init; }

    /// <summary>Trace id of the request that made the change.</summary>
    public string? TraceId { get; init; }
}
