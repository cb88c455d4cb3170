using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Crm.Application.Audit;
using Crm.Application.Common;
using Crm.Domain.Audit;
using Crm.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Crm.Infrastructure.Persistence;

/// <summary>
/// Stamps timestamps and writes one audit row per changed auditable entity, inside the same
/// SaveChanges (hence the same transaction) as the change itself: no change without its audit.
/// </summary>
public sealed class AuditingInterceptor(ICurrentUser currentUser, TimeProvider clock) : SaveChangesInterceptor
{
    private static readonly HashSet<string> Skipped = [nameof(Entity.Version), nameof(Entity.UpdatedAt), nameof(Entity.CreatedAt)];

    // Per model property, its name in the changes, or null when it is not audited: reading [NotAudited] by reflection
    // for every property of every save cost about 2 % of a create's CPU.
    private static readonly ConcurrentDictionary<IPropertyBase, string?> AuditedNames = new();

    private static readonly JsonWriterOptions Writer = new() { Encoder = CrmJson.Options.Encoder };
    private static readonly JsonEncodedText Before = JsonEncodedText.Encode("before");
    private static readonly JsonEncodedText After = JsonEncodedText.Encode("after");

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context)
        {
            Capture(context);
        }

        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } context)
        {
            Capture(context);
        }

        return base.SavingChanges(eventData, result);
    }

    private void Capture(DbContext context)
    {
        var now = ToMicroseconds(clock.GetUtcNow());
        var audits = new List<AuditEntry>();
        foreach (var entry in context.ChangeTracker.Entries<Entity>().ToList())
        {
            if (entry.State is EntityState.Added or EntityState.Modified)
            {
                entry.Entity.Stamp(now, entry.State == EntityState.Added);
            }

            if (entry.Entity is not IAuditable || entry.State is EntityState.Unchanged or EntityState.Detached)
            {
                continue;
            }

            string action, changes;
            if (entry.State == EntityState.Added)
            {
                (action, changes) = ("created", DescribeCreated(entry));
            }
            else
            {
                var (changed, fields) = Describe(entry);
                if (fields.Count == 0 && entry.State == EntityState.Modified)
                {
                    continue;
                }

                (action, changes) = (changed, fields.ToJsonString());
            }

            audits.Add(Record(currentUser, now, action, entry.Entity, changes));
        }

        if (audits.Count > 0)
        {
            context.Set<AuditEntry>().AddRange(audits);
        }
    }

    /// <summary>The audit row of one change to <paramref name="entity"/>, by the current user, in the current trace (InsertWriter's too).</summary>
    internal static AuditEntry Record(ICurrentUser user, DateTimeOffset now, string action, Entity entity, string changes) =>
        AuditEntry.Record(now, user.Id, user.Name, action, EntityTypeName(entity.GetType()), entity.Id, changes, Activity.Current?.TraceId.ToString());

    /// <summary>created, updated, archived, restored or deleted, and each changed field before and after (the webhook outbox uses it too).</summary>
    internal static (string Action, JsonObject Changes) Describe(EntityEntry<Entity> entry)
    {
        var changes = new JsonObject();
        var action = entry.State switch
        {
            EntityState.Added => "created",
            EntityState.Deleted => "deleted",
            _ => "updated",
        };

        foreach (var property in entry.Properties)
        {
            if (AuditedName(property.Metadata) is not { } name)
            {
                continue;
            }

            var after = entry.State == EntityState.Deleted ? null : property.CurrentValue;
            var before = entry.State == EntityState.Added ? null : property.OriginalValue;
            var beforeJson = JsonSerializer.SerializeToNode(before, CrmJson.Options);
            var afterJson = JsonSerializer.SerializeToNode(after, CrmJson.Options);
            if (entry.State == EntityState.Modified && JsonNode.DeepEquals(beforeJson, afterJson))
            {
                continue;
            }

            if (entry.State == EntityState.Added && afterJson is null)
            {
                continue;
            }

            if (property.Metadata.Name == "ArchivedAt" && entry.State == EntityState.Modified)
            {
                action = before is null ? "archived" : "restored";
            }

            changes[name] = new JsonObject { ["before"] = beforeJson, ["after"] = afterJson };
        }

        return (action, changes);
    }

    /// <summary>
    /// What <see cref="Describe"/> says of a created entity, written straight as JSON text: each audited field that has a
    /// value, before null and after it. Creates are most saves, and building the tree of nodes and serialising it again
    /// cost a create more than its SQL did to generate.
    /// </summary>
    internal static string DescribeCreated(EntityEntry<Entity> entry) =>
        WriteCreated(entry.Properties.Select(p => ((IPropertyBase)p.Metadata, p.CurrentValue)));

    /// <summary>
    /// The same for an entity no change tracker holds (<see cref="InsertWriter"/>): each property's value read from the
    /// entity with the model's getter. A type with a shadow property, whose value is only in a change tracker, never gets
    /// here: its <see cref="InsertPlan"/> refuses it.
    /// </summary>
    internal static string DescribeCreated(IEntityType type, object entity) =>
        WriteCreated(type.GetProperties().Select(p => ((IPropertyBase)p, p.GetGetter().GetClrValueUsingContainingEntity(entity))));

    private static string WriteCreated(IEnumerable<(IPropertyBase Property, object? Value)> properties)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, Writer))
        {
            writer.WriteStartObject();
            foreach (var (property, current) in properties)
            {
                if (AuditedName(property) is not { } name || current is not { } value)
                {
                    continue;
                }

                writer.WriteStartObject(name);
                writer.WriteNull(Before);
                writer.WritePropertyName(After);
                JsonSerializer.Serialize(writer, value, value.GetType(), CrmJson.Options);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static string? AuditedName(IPropertyBase property) => AuditedNames.GetOrAdd(property, static p =>
        Skipped.Contains(p.Name) || p.PropertyInfo?.GetCustomAttribute<NotAuditedAttribute>() is not null ? null : JsonNamingPolicy.CamelCase.ConvertName(p.Name));

    /// <summary>
    /// PostgreSQL keeps microseconds: stamping at that precision makes what a write returns (and what a webhook carries)
    /// equal to what a later GET reads back.
    /// </summary>
    internal static DateTimeOffset ToMicroseconds(DateTimeOffset time) => time.AddTicks(-(time.Ticks % 10));

    private static string EntityTypeName(Type type) => AuditEntityTypes.NameOf(type);
}
