using System.Diagnostics;
using Crm.Application.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Crm.Application.CustomFields.DeleteCustomField;

/// <summary>
/// Removes a definition and, in the same transaction, its values from every record (so no value outlives its meaning),
/// with an audit row for each record that held one, as a change of its custom fields through the API would leave.
/// </summary>
public sealed record DeleteCustomField(Guid Id, uint? IfMatch) : ICommand;

public sealed class DeleteCustomFieldHandler(ICrmDbContext db, ICurrentUser user) : ICommandHandler<DeleteCustomField>
{
    public async ValueTask<Unit> Handle(DeleteCustomField request, CancellationToken cancellationToken)
    {
        var field = await db.CustomFields.FirstOrDefaultAsync(f => f.Id == request.Id, cancellationToken)
            ?? throw new NotFoundException("Custom field", request.Id);
        Concurrency.Check(db, field, request.IfMatch);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var key = field.Key;
        var actor = user.Id;
        var actorName = user.Name;
        var trace = Activity.Current?.TraceId.ToString();
        // One statement per table: the records' values go, and each record gets an "updated" audit row with its custom
        // fields before and after (as text, as the auditing interceptor records that property), by the same actor.
        _ = field.Entity == Domain.CustomFields.CustomFieldEntity.Contacts
            ? await db.Database.ExecuteSqlAsync($"""
                WITH held AS (SELECT id, custom_fields FROM contacts WHERE custom_fields ? {key} FOR UPDATE),
                changed AS (
                    UPDATE contacts c SET custom_fields = c.custom_fields - {key}, updated_at = now() FROM held h WHERE c.id = h.id
                    RETURNING c.id, h.custom_fields AS before, c.custom_fields AS after)
                INSERT INTO audit_entries (id, occurred_at, actor_id, actor_name, action, entity_type, entity_id, changes, trace_id)
                SELECT crm_uuid_v7(), now(), {actor}::uuid, {actorName}::text, 'updated', 'contact', id,
                       jsonb_build_object('customFields', jsonb_build_object('before', before::text, 'after', after::text)), {trace}::text
                FROM changed
                """, cancellationToken)
            : await db.Database.ExecuteSqlAsync($"""
                WITH held AS (SELECT id, custom_fields FROM customers WHERE custom_fields ? {key} FOR UPDATE),
                changed AS (
                    UPDATE customers c SET custom_fields = c.custom_fields - {key}, updated_at = now() FROM held h WHERE c.id = h.id
                    RETURNING c.id, h.custom_fields AS before, c.custom_fields AS after)
                INSERT INTO audit_entries (id, occurred_at, actor_id, actor_name, action, entity_type, entity_id, changes, trace_id)
                SELECT crm_uuid_v7(), now(), {actor}::uuid, {actorName}::text, 'updated', 'customer', id,
                       jsonb_build_object('customFields', jsonb_build_object('before', before::text, 'after', after::text)), {trace}::text
                FROM changed
                """, cancellationToken);
        db.CustomFields.Remove(field);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Unit.Value;
    }
}
