using System.Diagnostics;
using System.Text.Json.Nodes;
using Crm.Application.Audit;
using Crm.Application.Common;
using Crm.Domain.Customers;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Crm.Application.CustomFields.DeleteCustomField;

/// <summary>
/// Removes a definition and, in the same transaction, its values from every record (so no value outlives its meaning),
/// with an audit row for each record that held one, as a change of its custom fields through the API would leave.
/// </summary>
public sealed record DeleteCustomField(Guid Id, IReadOnlyCollection<uint>? IfMatch) : ICommand;

public sealed class DeleteCustomFieldHandler(ICrmDbContext db, ICurrentUser user) : ICommandHandler<DeleteCustomField>
{
    /// <summary>Records changed per round trip: their ids and texts are held in memory, so a field held by millions stays flat.</summary>
    private const int Batch = 5000;

    public async ValueTask<Unit> Handle(DeleteCustomField request, CancellationToken cancellationToken)
    {
        var field = await db.CustomFields.FirstOrDefaultAsync(f => f.Id == request.Id, cancellationToken)
            ?? throw new NotFoundException("notFound.customField", request.Id);
        Concurrency.Check(db, field, request.IfMatch);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (field.Entity == Domain.CustomFields.CustomFieldEntity.Contacts)
        {
            await RemoveAsync<Contact>(field.Key, cancellationToken);
        }
        else
        {
            await RemoveAsync<Customer>(field.Key, cancellationToken);
        }

        db.CustomFields.Remove(field);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Unit.Value;
    }

    /// <summary>
    /// The key goes from every record of <typeparamref name="T"/> that holds it, a batch at a time (each batch's records
    /// locked, then changed; a changed record no longer holds the key, so the next batch is the next records). Each gets an
    /// "updated" audit row with its custom fields before and after in the canonical text the auditing interceptor records
    /// for that property (PostgreSQL prints jsonb with its own key order and spaces).
    /// </summary>
    private async Task RemoveAsync<T>(string key, CancellationToken ct)
    {
        var table = typeof(T) == typeof(Contact) ? "contacts" : "customers";
        var entityType = AuditEntityTypes.NameOf(typeof(T));
        var actor = user.Id;
        var actorName = user.Name;
        var trace = Activity.Current?.TraceId.ToString();
        // The table is one of two names of ours; every value goes as a parameter.
        var select = $"SELECT id AS \"Id\", custom_fields::text AS \"Fields\" FROM {table} WHERE custom_fields ? {{0}} ORDER BY id LIMIT {Batch} FOR UPDATE";
        var change = $$"""
            UPDATE {{table}} SET custom_fields = custom_fields - {0}, updated_at = now() WHERE id = ANY({1});
            INSERT INTO audit_entries (id, occurred_at, actor_id, actor_name, action, entity_type, entity_id, changes, trace_id)
            SELECT crm_uuid_v7(), now(), {2}::uuid, {3}::text, 'updated', {4}, u.id,
                   jsonb_build_object('customFields', jsonb_build_object('before', u.before, 'after', u.after)), {5}::text
            FROM unnest({1}::uuid[], {6}::text[], {7}::text[]) AS u(id, before, after)
            """;
        while (true)
        {
            var held = await db.Database.SqlQueryRaw<Held>(select, key).ToListAsync(ct);
            if (held.Count == 0)
            {
                return;
            }

            var ids = held.Select(h => h.Id).ToArray();
            var before = held.Select(h => CustomFieldJson.Canonicalize(h.Fields)).ToArray();
            var after = before.Select(b => Without(b, key)).ToArray();
            await db.Database.ExecuteSqlRawAsync(
                change,
                [key, ids, (object?)actor ?? DBNull.Value, (object?)actorName ?? DBNull.Value, entityType, (object?)trace ?? DBNull.Value, before, after],
                ct);
        }
    }

    private static string Without(string canonical, string key)
    {
        var values = CustomFieldJson.ToObject(canonical);
        values.Remove(key);
        return CustomFieldJson.Write(values.Select(p => new KeyValuePair<string, JsonNode?>(p.Key, p.Value)));
    }

    private sealed class Held
    {
        public Guid Id { get; init; }

        public string Fields { get; init; } = CustomFieldJson.Empty;
    }
}
