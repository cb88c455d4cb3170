using System.Linq.Expressions;
using Crm.Application.Common;
using Crm.Application.CustomFields;
using Crm.Contracts.Customers;
using Crm.Domain.Common;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Crm.Application.Batches;

/// <summary>Per-item outcomes of a batch, in request order, with their totals.</summary>
public sealed record BatchOutcome(IReadOnlyList<BatchItemResult> Results)
{
    public int Created => Results.Count(r => r.Status == BatchItemStatus.Created);

    public int Updated => Results.Count(r => r.Status == BatchItemStatus.Updated);

    public int Unchanged => Results.Count(r => r.Status == BatchItemStatus.Unchanged);

    public int Rejected => Results.Count(r => r.Status is BatchItemStatus.Invalid or BatchItemStatus.Conflict);
}

/// <summary>
/// The batch upsert behind POST /customers/batch and /contacts/batch. Each item is matched on email or external id;
/// an item that matches a record is merged onto it as a JSON merge patch (what the item leaves out keeps its stored
/// value, a null clears it, address and custom fields merge member by member), one that matches none is taken as
/// sent. The result is validated (shape and custom fields), checked against other tables, and created, updated or
/// left unchanged; an item that fails is reported with field errors and writes nothing. The database is asked a
/// fixed number of queries whatever the batch size, and the valid items are written in one SaveChanges, so a
/// batch lands whole or not at all, and a repeat finds every item unchanged.
/// <para>Another request may write one of the batch's records between its reads and its save (two imports of one
/// spreadsheet at once): the save then meets a new row holding a key (a unique violation) or a changed row version.
/// The batch is run again from its reads, which now see that write, so its items are still answered one by one,
/// created, updated or unchanged, rather than the whole batch refused.</para>
/// </summary>
public static class BatchUpsert
{
    public const int MaxItems = 1000;

    /// <summary>Runs of one batch before a race it keeps losing is answered with a 409 (nothing written).</summary>
    public const int MaxAttempts = 4;

    public static async Task<BatchOutcome> RunAsync<TInput, TDetails, TEntity>(
        ICrmDbContext db,
        IBatchTarget<TInput, TDetails, TEntity> target,
        IValidator<TInput> validator,
        MatchOn matchOn,
        IReadOnlyList<BatchItem<TInput>?> items,
        CancellationToken ct)
        where TInput : class
        where TEntity : ArchivableEntity
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await RunOnceAsync(db, target, validator, matchOn, items, ct);
            }
            catch (DbUpdateException e) when (LostARace(e))
            {
                if (attempt == MaxAttempts)
                {
                    throw new ConflictException(Texts.Format(target.Noun == "contact" ? "batch.raceLost.contacts" : "batch.raceLost.customers", ("tries", MaxAttempts)));
                }

                db.ChangeTracker.Clear();
            }
        }
    }

    private static bool LostARace(DbUpdateException e) =>
        e is DbUpdateConcurrencyException || e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    private static async Task<BatchOutcome> RunOnceAsync<TInput, TDetails, TEntity>(
        ICrmDbContext db,
        IBatchTarget<TInput, TDetails, TEntity> target,
        IValidator<TInput> validator,
        MatchOn matchOn,
        IReadOnlyList<BatchItem<TInput>?> items,
        CancellationToken ct)
        where TInput : class
        where TEntity : ArchivableEntity
    {
        var email = new Key<TInput, TDetails, TEntity>("email", target.Email, i => ContactPoints.NormalizeEmail(target.EmailOf(i)), target.EmailOf);
        var externalId = new Key<TInput, TDetails, TEntity>("externalId", target.ExternalId, i => Trimmed(target.ExternalIdOf(i)), target.ExternalIdOf);
        var (match, other) = matchOn == MatchOn.Email ? (email, externalId) : (externalId, email);
        var results = new BatchItemResult?[items.Count];
        var sent = items.Select(i => i ?? throw new ArgumentException("Items cannot be null (the request's validator says so).", nameof(items))).ToList();

        // The records the items match, in one query: an item that matches one changes only what it carries.
        var set = target.Set(db);
        var sentKeys = sent.Where(i => i.Errors is null).Select(i => match.Sent(i.Input)).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var existing = sentKeys.Count == 0
            ? new Dictionary<string, TEntity>(StringComparer.Ordinal)
            : (await set.Where(match.In(sentKeys)).ToListAsync(ct)).ToDictionary(e => match.Read(e)!, StringComparer.Ordinal);

        // Shape and custom fields, item by item.
        var schema = await CustomFieldSchema.LoadAsync(db, target.CustomFieldEntity, ct);
        var candidates = new List<(int Index, TDetails Details)>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var item = sent[i];
            if (item.Errors is { } nulls)
            {
                results[i] = Invalid(i, nulls.ToDictionary());
                continue;
            }

            var input = match.Sent(item.Input) is { } sentKey && existing.TryGetValue(sentKey, out var stored)
                ? MergePatch.Apply(target.ToInput(stored), item.Json)
                : item.Input;
            var failures = (await validator.ValidateAsync(input, ct)).Errors;
            var customFields = schema.Normalize(target.CustomFieldsOf(input), string.Empty, failures);
            if (failures.Count > 0)
            {
                results[i] = Invalid(i, failures.GroupBy(e => FieldNames.FromPropertyPath(e.PropertyName)).ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).ToArray()));
            }
            else
            {
                candidates.Add((i, target.ToDetails(input, customFields)));
            }
        }

        // Rules that need other tables, for all items at once; then the match key, present and once per batch.
        var rejected = await target.CheckAsync(db, candidates, ct);
        var valid = new List<(int Index, TDetails Details, string Key)>(candidates.Count);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (index, details) in candidates)
        {
            if (rejected.TryGetValue(index, out var errors))
            {
                results[index] = Invalid(index, errors);
            }
            else if (match.Of(details) is not { } key)
            {
                results[index] = Invalid(index, new() { [match.Field] = [Texts.Format("batch.matchRequired", ("field", match.Field))] });
            }
            else if (seen.TryGetValue(key, out var first))
            {
                results[index] = Invalid(index, new() { [match.Field] = [Texts.Format("batch.sameKey", ("field", match.Field), ("item", first))] });
            }
            else
            {
                seen[key] = index;
                valid.Add((index, details, key));
            }
        }

        // The other unique key must not belong to a different record (or to another item of this batch).
        var otherKeys = valid.Select(v => other.Of(v.Details)).OfType<string>().ToList();
        var owners = await set.Where(other.In(otherKeys)).Select(other.Owner()).ToDictionaryAsync(o => o.Key, o => o.Id, StringComparer.Ordinal, ct);
        var claimed = new HashSet<string>(StringComparer.Ordinal);

        foreach (var (index, details, key) in valid)
        {
            var entity = existing.GetValueOrDefault(key);
            if (other.Of(details) is { } otherKey && ((owners.TryGetValue(otherKey, out var owner) && owner != entity?.Id) || !claimed.Add(otherKey)))
            {
                results[index] = Conflict(index, owners.TryGetValue(otherKey, out var ownerId) ? ownerId : null, other.Field, Texts.Format(target.Noun == "contact" ? "batch.taken.contact" : "batch.taken.customer", ("field", other.Field)));
            }
            else if (entity is null)
            {
                entity = target.Create(details);
                set.Add(entity);
                results[index] = new BatchItemResult { Index = index, Status = BatchItemStatus.Created, Id = entity.Id };
            }
            else if (entity.IsArchived)
            {
                results[index] = Conflict(index, entity.Id, "$", Texts.Get(target.Noun == "contact" ? "batch.archived.contact" : "batch.archived.customer"));
            }
            else if (target.IsUnchanged(entity, details))
            {
                results[index] = new BatchItemResult { Index = index, Status = BatchItemStatus.Unchanged, Id = entity.Id };
            }
            else
            {
                target.Update(entity, details);
                results[index] = new BatchItemResult { Index = index, Status = BatchItemStatus.Updated, Id = entity.Id };
            }
        }

        await db.SaveChangesAsync(ct);
        return new BatchOutcome(results.Select(r => r!).ToList());
    }

    private static BatchItemResult Invalid(int index, Dictionary<string, string[]> errors) =>
        new() { Index = index, Status = BatchItemStatus.Invalid, Errors = errors };

    private static BatchItemResult Conflict(int index, Guid? id, string field, string message) =>
        new() { Index = index, Status = BatchItemStatus.Conflict, Id = id, Errors = new Dictionary<string, string[]> { [field] = [message] } };

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private sealed record KeyOwner(string Key, Guid Id);

    /// <summary>
    /// One unique key: its wire name, its column (for queries), and how to read it from a loaded record, from an item
    /// as sent (normalised as its details will be) or from details.
    /// </summary>
    private sealed class Key<TInput, TDetails, TEntity>(string name, Expression<Func<TEntity, string?>> column, Func<TInput, string?> sent, Func<TDetails, string?> of)
        where TEntity : Entity
    {
        private readonly Func<TEntity, string?> read = column.Compile();

        public string Field => name;

        public string? Sent(TInput input) => sent(input);

        public string? Of(TDetails details) => of(details);

        public string? Read(TEntity entity) => read(entity);

        /// <summary><c>e =&gt; e.Key != null &amp;&amp; keys.Contains(e.Key)</c>: one <c>= ANY(@keys)</c> query for the whole batch.</summary>
        public Expression<Func<TEntity, bool>> In(List<string> keys)
        {
            Expression<Func<string?, bool>> test = k => k != null && keys.Contains(k);
            return Expression.Lambda<Func<TEntity, bool>>(new Substitute(test.Parameters[0], column.Body).Visit(test.Body), column.Parameters);
        }

        /// <summary><c>e =&gt; new KeyOwner(e.Key, e.Id)</c>.</summary>
        public Expression<Func<TEntity, KeyOwner>> Owner()
        {
            var constructor = typeof(KeyOwner).GetConstructor([typeof(string), typeof(Guid)])!;
            var id = Expression.Property(column.Parameters[0], nameof(Entity.Id));
            return Expression.Lambda<Func<TEntity, KeyOwner>>(Expression.New(constructor, column.Body, id), column.Parameters);
        }
    }

    private sealed class Substitute(ParameterExpression parameter, Expression replacement) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == parameter ? replacement : base.VisitParameter(node);
    }
}
