using System.Linq.Expressions;
using System.Text.Json;
using Crm.Application.Common;
using Crm.Domain.Common;
using Crm.Domain.CustomFields;
using Microsoft.EntityFrameworkCore;

namespace Crm.Application.Batches;

/// <summary>
/// What <see cref="BatchUpsert"/> needs to know about one kind of record: where it lives, its two unique
/// keys (email and external id), and how an input becomes details, a new record or a change. An item that matches
/// a record is first merged onto that record's input (<see cref="ToInput"/>) as a JSON merge patch, as PATCH
/// merges it: what it leaves out keeps its stored value.
/// </summary>
public interface IBatchTarget<TInput, TDetails, TEntity>
    where TEntity : ArchivableEntity
{
    /// <summary>"customer", "contact": the word used in conflict messages.</summary>
    string Noun { get; }

    CustomFieldEntity CustomFieldEntity { get; }

    Expression<Func<TEntity, string?>> Email { get; }

    Expression<Func<TEntity, string?>> ExternalId { get; }

    DbSet<TEntity> Set(ICrmDbContext db);

    IReadOnlyDictionary<string, JsonElement>? CustomFieldsOf(TInput input);

    /// <summary>The email as sent, before normalisation (which <see cref="BatchUpsert"/> does as the details do).</summary>
    string? EmailOf(TInput input);

    /// <summary>The external id as sent.</summary>
    string? ExternalIdOf(TInput input);

    /// <summary>A stored record as its input (as PATCH reads it).</summary>
    TInput ToInput(TEntity entity);

    /// <summary>Normalised details of an input that passed validation, with its canonical custom fields.</summary>
    TDetails ToDetails(TInput input, string customFields);

    string? EmailOf(TDetails details);

    string? ExternalIdOf(TDetails details);

    TEntity Create(TDetails details);

    void Update(TEntity entity, TDetails details);

    /// <summary>Whether applying <paramref name="details"/> would change nothing.</summary>
    bool IsUnchanged(TEntity entity, TDetails details);

    /// <summary>
    /// Rules that need other tables (a contact's customer must exist), run once over every item that passed
    /// validation, so each is one query however large the batch. Returns field errors by item index.
    /// </summary>
    Task<IReadOnlyDictionary<int, Dictionary<string, string[]>>> CheckAsync(
        ICrmDbContext db, IReadOnlyList<(int Index, TDetails Details)> items, CancellationToken ct) =>
        Task.FromResult<IReadOnlyDictionary<int, Dictionary<string, string[]>>>(new Dictionary<int, Dictionary<string, string[]>>());
}
