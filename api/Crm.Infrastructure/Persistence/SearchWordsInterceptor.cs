using System.Collections.Concurrent;
using Crm.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Crm.Infrastructure.Persistence;

/// <summary>
/// Adds the words of the customers and contacts a save writes to <c>search_words</c>, the list search corrects
/// misspellings against (see <c>SearchQuery</c>). Words the list is known to hold are remembered, so a write
/// of familiar names costs nothing extra; the list only grows, so remembering cannot go stale. Words are added
/// before the save, outside its transaction: a failed save leaves at most a few unused words behind. Registered after
/// <see cref="AuditingInterceptor"/>, whose read of the entries detects the save's changes.
/// </summary>
public sealed class SearchWordsInterceptor : SaveChangesInterceptor
{
    private const int MaxRemembered = 200_000;

    private readonly ConcurrentDictionary<string, byte> known = new(StringComparer.Ordinal);

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && NewWords(context) is { Length: > 0 } words)
        {
            await context.Database.ExecuteSqlRawAsync(InsertSql, [WordsParameter(words)], cancellationToken);
            Remember(context, words);
        }

        return await base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } context && NewWords(context) is { Length: > 0 } words)
        {
            context.Database.ExecuteSqlRaw(InsertSql, [WordsParameter(words)]);
            Remember(context, words);
        }

        return base.SavingChanges(eventData, result);
    }

    /// <summary>Adds the words of its one parameter, <see cref="WordsParameter"/>. Sorted, so that two writers adding overlapping words lock them in the same order.</summary>
    internal const string InsertSql = "INSERT INTO search_words (word) SELECT w FROM unnest(@words::text[]) AS w ORDER BY w ON CONFLICT DO NOTHING";

    internal static NpgsqlParameter WordsParameter(string[] words) => new("words", words);

    private string[] NewWords(DbContext context) =>
        NewWords(context.ChangeTracker.AsDetected<ISearchable>()
            .Where(e => e.State == EntityState.Added || (e.State == EntityState.Modified && e.Property(s => s.SearchText).IsModified))
            .Select(e => e.Entity.SearchText));

    /// <summary>The words of these search texts the list may not hold yet, sorted (for <see cref="InsertWriter"/> too).</summary>
    internal string[] NewWords(IEnumerable<string> searchTexts) =>
        searchTexts
            .SelectMany(SearchText.Words)
            .Where(w => !known.ContainsKey(w))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToArray();

    /// <summary>Remembers <paramref name="words"/> once their insert has committed: not inside a transaction of the context's (for <see cref="InsertWriter"/> too).</summary>
    internal void Remember(DbContext context, string[] words)
    {
        if (context.Database.CurrentTransaction is not null)
        {
            return; // a rollback of the caller's transaction would take the words back out
        }

        Remember(words);
    }

    /// <summary>Words the list now holds for good (their insert committed).</summary>
    private void Remember(string[] words)
    {
        if (known.Count + words.Length > MaxRemembered)
        {
            known.Clear();
        }

        foreach (var word in words)
        {
            known.TryAdd(word, 0);
        }
    }
}
