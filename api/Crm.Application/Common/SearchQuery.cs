using System.Buffers;
using Crm.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace Crm.Application.Common;

/// <summary>
/// Prepares <c>?q=</c> for the customer and contact lists: folded like the stored search text (case and
/// accents dropped) and split into words. A row matches when it contains every word, each as typed or as
/// one of its nearest spellings in the <c>search_words</c> list (so "kowalsky" finds "Kowalski"); a word that is
/// in the list is taken as meant. Each word becomes LIKE patterns for the trigram index; the corrections cost
/// one short query on a small table.
/// </summary>
public static class SearchQuery
{
    public const int MaxLength = 200;

    /// <summary>Words corrected against the word list; further words must match as typed.</summary>
    public const int MaxCorrectedWords = 8;

    // A query part holding one of these is an e-mail, phone, id or web address: one word, matched as typed.
    private static readonly SearchValues<char> Verbatim = SearchValues.Create("0123456789@.");

    /// <summary>Narrows <paramref name="query"/> to the rows matching <paramref name="q"/> (unchanged when it has no words).</summary>
    public static async Task<IQueryable<T>> ApplyAsync<T>(ICrmDbContext db, IQueryable<T> query, string? q, CancellationToken ct)
        where T : class, ISearchable
    {
        if (await PrepareAsync(db, q, ct) is not { } words)
        {
            return query;
        }

        foreach (var patterns in words)
        {
            query = query.Where(r => patterns.Any(p => EF.Functions.Like(r.SearchText, p)));
        }

        // OFFSET 0 fences the match into a subquery, so PostgreSQL finds the matches through the trigram index
        // and then sorts them, instead of walking the sort index testing every row, which is only quick when
        // matches come early in the sort order (a Greek name's matches come after every Latin one).
        return query.Skip(0);
    }

    /// <summary>One array of LIKE patterns (escape character: backslash) per word of <paramref name="q"/>; null when it has none.</summary>
    public static async Task<IReadOnlyList<string[]>?> PrepareAsync(ICrmDbContext db, string? q, CancellationToken ct)
    {
        var words = Words(q);
        if (words.Count == 0)
        {
            return null;
        }

        var correctable = words.Where(Correctable).Take(MaxCorrectedWords).ToArray(); // Words are distinct already
        var corrections = correctable.Length == 0
            ? []
            : await db.Database.SqlQuery<Correction>($"""
                SELECT q.w AS "Term", c.word AS "Word"
                FROM unnest({correctable}::text[]) AS q(w)
                CROSS JOIN LATERAL (
                    SELECT word, s, max(s) OVER () AS best
                    FROM (SELECT word, similarity(word, q.w) AS s FROM search_words
                          WHERE word % q.w AND strpos(word, q.w) = 0
                          ORDER BY word <-> q.w LIMIT 6) AS nearest) AS c
                WHERE c.s >= c.best - 0.1 AND NOT EXISTS (SELECT 1 FROM search_words AS known WHERE known.word = q.w)
                """).ToListAsync(ct);
        var byTerm = corrections.ToLookup(c => c.Term, c => c.Word, StringComparer.Ordinal);
        return words.Select(w => byTerm[w].Select(Contains).Prepend(Contains(w)).ToArray()).ToList();
    }

    /// <summary>
    /// The folded words of a query. A space-separated part with a digit, '@' or '.' (an e-mail, phone, id or web
    /// address) is one word, matched as typed; any other part is split on punctuation ("O'Connor",
    /// "Twardowski-Kaźmierczak"). Words under 3 characters only count when nothing longer is typed (the trigram
    /// index cannot find them); a query of punctuation only is searched as typed.
    /// </summary>
    public static IReadOnlyList<string> Words(string? q)
    {
        var folded = SearchText.Fold(q);
        if (folded.Length == 0)
        {
            return [];
        }

        var words = new List<string>();
        foreach (var part in folded.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.AsSpan().IndexOfAny(Verbatim) >= 0)
            {
                words.Add(part);
                continue;
            }

            var start = -1;
            for (var i = 0; i <= part.Length; i++)
            {
                var separator = i == part.Length || char.IsPunctuation(part[i]) || char.IsSymbol(part[i]);
                if (!separator && start < 0)
                {
                    start = i;
                }
                else if (separator && start >= 0)
                {
                    words.Add(part[start..i]);
                    start = -1;
                }
            }
        }

        var distinct = words.Distinct(StringComparer.Ordinal).ToList();
        return distinct.Any(w => w.Length >= 3) ? distinct.Where(w => w.Length >= 3).ToList()
            : distinct.Count > 0 ? distinct
            : [folded];
    }

    /// <summary>Escapes LIKE wildcards (escape character: backslash).</summary>
    public static string EscapeLike(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal);

    // The word list holds words of 3–50 letters (see SearchText.Words).
    private static bool Correctable(string word) => word.Length is >= 3 and <= 50 && word.All(char.IsLetter);

    private static string Contains(string word) => "%" + EscapeLike(word) + "%";

    private sealed record Correction(string Term, string Word);
}
