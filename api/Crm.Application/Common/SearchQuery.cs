using System.Buffers;
using System.Text.Json;
using Crm.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Npgsql;

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

    /// <summary>Posting keys a query word may expand to; a word inside more listed words ("son") is matched by trigrams only.</summary>
    public const int MaxKeys = 100;

    // A query part holding one of these is an e-mail, phone, id or web address: one word, matched as typed.
    private static readonly SearchValues<char> Verbatim = SearchValues.Create("0123456789@.");

    // What a number written in groups is made of ("(+48) 22 123-45-67").
    private static readonly SearchValues<char> NumberMarks = SearchValues.Create("0123456789+-()./ ");

    private static readonly char[] NumberSeparators = [' ', '-', '(', ')', '.', '/', '+'];

    /// <summary>
    /// Digits that make a word a number few records hold (<see cref="IsPinpoint"/>), and a query in groups one number
    /// (<see cref="GroupedNumber"/>).
    /// </summary>
    public const int NumberDigits = 7;

    /// <summary>
    /// How far <see cref="PageAsync"/> looks along the list before it asks the trigram index: WindowPerRow × (limit + 1)
    /// rows (2,550 for a page of 50). A text that one row in 50 holds fills its page from them about half the time,
    /// one in 25 nearly always. When a tenth of a page or more matched there, a second window, up to 15 times as large
    /// (32,512 rows for a page of 50: 1.8 µs a row, about 60 ms when it holds no page), reads enough rows to hold the
    /// page half again at the rate seen. With a filter, a common text is rarer among the rows ("+48" among partners: one
    /// customer in 59; "gmail.com" among them, one in 250), and the trigram index would read every customer holding it
    /// (1.4 s and 0.24 s a page at 2.1M customers; 22 ms and 37 ms with the second window).
    /// </summary>
    public const int WindowPerRow = 50;

    /// <summary>
    /// Narrows <paramref name="query"/> to the rows holding every one of <paramref name="words"/> (unchanged when null),
    /// fenced for the trigram index: OFFSET 0 makes the match a subquery, so PostgreSQL finds the matches through the
    /// index and then sorts them, instead of walking the sort index testing every row, which is only quick when
    /// matches come early in the sort order (a Greek name's matches come after every Latin one).
    /// </summary>
    public static IQueryable<T> Matching<T>(IQueryable<T> query, IReadOnlyList<SearchWord>? words)
        where T : class, ISearchable =>
        words is null ? query : Match(query, words).Skip(0);

    /// <summary>
    /// One keyset page of the rows of <paramref name="source"/> that <paramref name="filter"/> keeps and that hold every
    /// one of <paramref name="words"/> (all of them when null), in the order of <paramref name="sort"/>, from its cursor on.
    /// <para>
    /// Finding every match through the trigram index and sorting them is quick for a rare text and slow for a common
    /// one: "+48" (a fifth of the customers), "an", "ab" or "48 22" have trigrams most rows hold or none at all (parts
    /// under three characters), so PostgreSQL read and sorted every customer, 1.1–1.9 s a page on the 2.1-million
    /// bench database, and at 8 connections "+48" answered 1.8 requests a second. So the next
    /// <see cref="WindowPerRow"/> × (limit + 1) rows of <paramref name="indexed"/> (the rows an index holds in the
    /// sort's order) are read first, then filtered and searched. When a page and one more row match among them, those
    /// matches are the page, exactly: no row before the last of them is left out. PostgreSQL reads that index in order
    /// and stops at the page's last row: 6–23 ms a page now, and "+48" 505 requests a second. When fewer match, every
    /// match is found through the trigram index as before (unless a second window holds the page, see
    /// <see cref="WindowPerRow"/>), and the window came on top: 2–3 ms of PostgreSQL's time for a page of 50 (2,550 rows
    /// read), which at 8 connections took a search by a phone number from 230–267 to 106–130
    /// requests a second. So a phone number, an id or an e-mail address (<see cref="IsPinpoint"/>) goes to the index at once
    /// (225–277 requests a second again). Without <paramref name="indexed"/> (no index for the sort) there is no window
    /// either: reading it would mean sorting every row.
    /// </para>
    /// <para>
    /// The filters apply after the window, not inside it: with a rare owner or tag inside, the window would walk the
    /// index until that many rows passed, which is every row. The cursor's bound goes inside the trigram fence
    /// (<see cref="Matching"/>), where its row comparison names the table's columns: outside it EF Core could not
    /// translate the comparison.
    /// </para>
    /// </summary>
    public static async Task<(List<TItem> Items, bool HasMore)> PageAsync<T, TItem>(
        ICrmDbContext db, IQueryable<T> source, IQueryable<T>? indexed, Func<IQueryable<T>, IQueryable<T>> filter, IReadOnlyList<SearchWord>? words,
        KeysetSort<T> sort, Func<IQueryable<T>, IQueryable<TItem>> project, int limit, CancellationToken ct)
        where T : class, ISearchable
    {
        if (words is not null && indexed is not null && !words.Any(w => IsPinpoint(w.Word)))
        {
            var rows = WindowPerRow * (limit + 1);
            var found = await WindowAsync(rows);
            if (found.HasMore)
            {
                return found;
            }

            // A tenth of a page or more matched there: the page is looked for in enough rows to hold it half again at
            // that rate, at most 15 times as many (32,512 for a page of 50, whose tenth is 6; see WindowPerRow). Exact
            // for the same reason. Fewer matched, but PostgreSQL expects the text in many rows (CommonMatches): they come
            // later in the order, so the widest window is tried before the trigram index would read every one of them.
            var tenth = (limit + 10) / 10;
            var second = found.Items.Count >= tenth ? found.Items.Count
                : await EstimatedMatchesAsync<T>(db, words, ct) >= CommonMatches ? tenth : 0;
            if (second > 0)
            {
                found = await WindowAsync(rows * 3 * (limit + 1) / (2 * second));
                if (found.HasMore)
                {
                    return found;
                }
            }
        }

        return await Keyset.TakePageAsync(project(sort.Order(Matching(filter(sort.Seek(source)), words))), limit, ct);

        // The matches among the next rows of the list: a page of them, exactly, when it has one more.
        Task<(List<TItem> Items, bool HasMore)> WindowAsync(int rows) =>
            Keyset.TakePageAsync(project(sort.Order(Match(filter(sort.Order(sort.Seek(indexed!)).Take(rows)), words!))), limit, ct);
    }

    /// <summary>
    /// Rows PostgreSQL expects to hold a query's words, from which <see cref="PageAsync"/> tries its widest window even
    /// when the first window held less than a tenth of a page. Finding every match through the trigram index costs about
    /// 2.4 µs a row and the widest window (32,512 rows for a page of 50) about 60 ms when it holds no page, the cost of
    /// 25,000 matches. A common text whose matches all come after the first window finds none there: "sp." (Polish
    /// companies, 180,000 of 3.2M customers) comes after the English names that open the list, and took 1.1–1.7 s a page
    /// through the trigram index. Greek names come after every Latin one, so "+30" (Greek phone numbers) pays the
    /// window and then the index.
    /// </summary>
    public const int CommonMatches = 25_000;

    /// <summary>
    /// The rows of <typeparamref name="T"/>'s table that PostgreSQL expects to hold every one of <paramref name="words"/>
    /// (EXPLAIN: planned, not run, about 0.3 ms). Its estimate of a LIKE pattern comes from the column's statistics: a
    /// text most rows lack gets the planner's floor (342 rows at 3.2M customers), a common one its share of the sample.
    /// </summary>
    private static async Task<double> EstimatedMatchesAsync<T>(ICrmDbContext db, IReadOnlyList<SearchWord> words, CancellationToken ct)
        where T : class, ISearchable
    {
        var entity = ((DbContext)db).Model.FindEntityType(typeof(T))!;
        var column = entity.FindProperty(nameof(ISearchable.SearchText))!.GetColumnName();
        var sql = $"EXPLAIN (FORMAT JSON) SELECT 1 FROM \"{entity.GetTableName()}\" WHERE "
            + string.Join(" AND ", words.Select((_, i) => $"\"{column}\" LIKE ANY (@p{i})"));
        var plan = await RawQuery.ListAsync(db, sql, words.Select((w, i) => new NpgsqlParameter($"p{i}", w.Patterns)), r => r.GetString(0), Planning.Default, ct);
        using var json = JsonDocument.Parse(plan[0]);
        return json.RootElement[0].GetProperty("Plan").GetProperty("Plan Rows").GetDouble();
    }

    /// <summary>
    /// True for a word that few records hold: seven digits or more in all (a phone number, an id such as
    /// "erp-1000318438"), or a whole e-mail address with at least three characters before the '@' ("a@wp.pl" would be
    /// the end of many addresses). Its page comes through the trigram index at once, without <see cref="PageAsync"/>'s
    /// window first, which would only cost it time (an e-mail address at 8 connections: 79–104 requests a second
    /// without the window, 63–74 with it). A domain or a few digits ("@wp.pl", "gmail.com", "+48") can be common, so
    /// they keep it. A phone number typed in groups ("+48 600 123 456") is one word (<see cref="GroupedNumber"/>), so it
    /// goes to the index at once too.
    /// </summary>
    public static bool IsPinpoint(string word)
    {
        var at = word.IndexOf('@', StringComparison.Ordinal);
        var dot = at >= 3 ? word.IndexOf('.', at) : -1;
        return word.Count(char.IsAsciiDigit) >= NumberDigits || (dot > at + 1 && dot < word.Length - 1);
    }

    // The rows holding each word as typed or corrected (LIKE patterns, which the trigram index answers).
    private static IQueryable<T> Match<T>(IQueryable<T> query, IReadOnlyList<SearchWord> words)
        where T : class, ISearchable
    {
        foreach (var word in words)
        {
            var patterns = word.Patterns;
            query = query.Where(r => patterns.Any(p => EF.Functions.Like(r.SearchText, p)));
        }

        return query;
    }

    /// <summary>
    /// The words of <paramref name="q"/> with their LIKE patterns (escape character: backslash) and, with
    /// <paramref name="withKeys"/>, their posting keys; null when <paramref name="q"/> has no words.
    /// </summary>
    public static async Task<IReadOnlyList<SearchWord>?> PrepareAsync(ICrmDbContext db, string? q, bool withKeys, CancellationToken ct)
    {
        var folded = SearchText.FoldAsTyped(q);
        if (GroupedNumber(folded) is { } number)
        {
            return [Number(number, folded)];
        }

        var words = WordsOf(folded);
        if (words.Count == 0)
        {
            return null;
        }

        var correctable = words.Where(IsPlainWord).Take(MaxCorrectedWords).ToArray(); // Words are distinct already
        var found = correctable.Length == 0
            ? []
            : await RawQuery.ListAsync(db, CorrectionsSql(correctable.Length, withKeys), correctable.Select((w, i) => new NpgsqlParameter($"w{i}", w)),
                r => new Found(r.GetString(0), r.GetString(1), r.GetBoolean(2)), Planning.Default, ct);
        var byTerm = found.ToLookup(c => c.Term, StringComparer.Ordinal);
        return words.Select(w =>
        {
            var corrections = byTerm[w].Where(f => !f.Contains).Select(f => f.Word).ToList();
            // The word itself is always a key: the postings also hold the words of e-mails and web addresses, which the list leaves out.
            var keys = withKeys && IsPlainWord(w) && byTerm[w].Count(f => f.Contains) <= MaxKeys
                ? byTerm[w].Select(f => f.Word).Prepend(w).Distinct(StringComparer.Ordinal).ToArray()
                : null;
            // "cel.lers" is the Catalan "cel·lers" (stored folded as "cellers"), "mail.lu" a web address as typed (stored
            // so, see SearchText.JoinCatalanL): both forms are looked for.
            var joined = SearchText.JoinCatalanL(w);
            var terms = corrections.Prepend(w).Append(joined).Distinct(StringComparer.Ordinal).ToArray();
            return new SearchWord(w, terms, terms.Select(Contains).ToArray(), keys);
        }).ToList();
    }

    /// <summary>
    /// The nearest listed spellings of each of <paramref name="count"/> words (@w0, @w1, …) that is not listed
    /// itself and, with <paramref name="withKeys"/>, the listed words containing it. The words come as one
    /// parameter each, not as an array: PostgreSQL then plans the statement once per connection (a generic
    /// plan), where an array's length made every execution's own plan look cheaper and it planned each one
    /// again (0.35 ms, twice what running it takes). A listed word is not corrected: the check sits inside the nearest
    /// spellings' query, where PostgreSQL tests it once before the trigram lookup (a one-time filter), instead of after
    /// it (0.12 → 0.02 ms for a listed word).
    /// </summary>
    private static string CorrectionsSql(int count, bool withKeys)
    {
        var values = string.Join(", ", Enumerable.Range(0, count).Select(i => $"(@w{i})"));
        var corrections = $"""
            SELECT q.w AS "Term", c.word AS "Word", false AS "Contains"
            FROM (VALUES {values}) AS q(w)
            CROSS JOIN LATERAL (
                SELECT word, s, max(s) OVER () AS best
                FROM (SELECT word, similarity(word, q.w) AS s FROM search_words
                      WHERE word % q.w AND strpos(word, q.w) = 0 AND NOT EXISTS (SELECT 1 FROM search_words AS known WHERE known.word = q.w)
                      ORDER BY word <-> q.w LIMIT 6) AS nearest) AS c
            WHERE c.s >= c.best - 0.1
            """;
        return !withKeys ? corrections : corrections + $"""

            UNION ALL
            SELECT q.w, c.word, true
            FROM (VALUES {values}) AS q(w)
            CROSS JOIN LATERAL (SELECT word FROM search_words WHERE word LIKE '%' || q.w || '%' LIMIT {MaxKeys + 1}) AS c
            """;
    }

    /// <summary>
    /// The folded words of a query. A number written in groups is one word (<see cref="GroupedNumber"/>). A
    /// space-separated part with a digit, '@' or '.' (an e-mail, phone, id or web address) is one word, matched as
    /// typed (and with "l.l" between letters also as the Catalan l·l, see <see cref="PrepareAsync"/>); any other part
    /// is split on punctuation ("O'Connor", "Twardowski-Kaźmierczak"). Words under 3 characters only count when
    /// nothing longer is typed (the trigram index cannot find them); a query of punctuation only is searched as typed.
    /// </summary>
    public static IReadOnlyList<string> Words(string? q)
    {
        var folded = SearchText.FoldAsTyped(q);
        return GroupedNumber(folded) is { } number ? [number] : WordsOf(folded);
    }

    private static List<string> WordsOf(string folded)
    {
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

    /// <summary>
    /// The number in a query written in digit groups, as a phone number is ("+48 22 123 45 67", "(022) 123-45-67",
    /// "(+48) 22-123-45-67", "0048 22 1234567"): two groups or more, nothing but digits, spaces and <c>- ( ) . /</c>,
    /// a '+' only at its start or after opening brackets, and at least <see cref="NumberDigits"/> digits in the number.
    /// Phones are stored in E.164 ("+48221234567"), so the number is the digits, after a '+' when the query starts with
    /// one or with the international "00", and without a national trunk '0' ("022…" is found in "+4822…"). Null for any
    /// other query.
    /// Split into words, "+48 22 123 45 67" matched every row holding "+48" and "123" (the shorter groups were
    /// dropped): thousands at 1M customers, listed by name.
    /// </summary>
    public static string? GroupedNumber(string folded)
    {
        var span = folded.AsSpan();
        var plus = span.LastIndexOf('+');
        if (span.IndexOfAnyExcept(NumberMarks) >= 0 || (plus >= 0 && !span[..plus].TrimStart("( ").IsEmpty) || DigitGroups(folded).Length < 2)
        {
            return null;
        }

        var digits = string.Concat(folded.Where(char.IsAsciiDigit));
        var number = plus >= 0 ? "+" + digits
            : digits.StartsWith("00", StringComparison.Ordinal) ? "+" + digits[2..]
            : digits[0] == '0' ? digits[1..]
            : digits;
        return number.Count(char.IsAsciiDigit) >= NumberDigits ? number : null;
    }

    // The word of a number written in groups: the number, or the query as typed (ids and addresses kept with their
    // spaces); for two to six groups of three digits or more, also those groups with one character between them
    // ("500 100 200 300" finds "500-100-200-300", as its words did, but not groups from different fields).
    private static SearchWord Number(string number, string folded)
    {
        string[] terms = [number, folded];
        var groups = DigitGroups(folded);
        var patterns = terms.Select(Contains);
        if (groups.Length <= 6 && groups.All(g => g.Length >= 3))
        {
            patterns = patterns.Append("%" + string.Join('_', groups) + "%");
        }

        return new SearchWord(number, terms, patterns.ToArray(), null);
    }

    private static string[] DigitGroups(string text) => text.Split(NumberSeparators, StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Escapes LIKE wildcards (escape character: backslash).</summary>
    public static string EscapeLike(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal);

    /// <summary>True for a word of 3–50 letters, the kind the word list holds (see SearchText.Words): it can be corrected and expanded to keys.</summary>
    public static bool IsPlainWord(string word) => word.Length is >= 3 and <= 50 && word.All(char.IsLetter);

    private static string Contains(string word) => "%" + EscapeLike(word) + "%";

    private sealed record Found(string Term, string Word, bool Contains);
}

/// <summary>
/// A word of a search: <see cref="Terms"/> are the word as typed and its corrections, <see cref="Patterns"/> the same
/// as LIKE patterns over the folded search text; <see cref="Keys"/>, when asked for, are the posting words a matching record holds one of (the
/// word itself, every listed word containing it, and its corrections), or null when the word is not a plain word of
/// 3–50 letters or sits inside more than <see cref="SearchQuery.MaxKeys"/> listed words.
/// </summary>
public sealed record SearchWord(string Word, string[] Terms, string[] Patterns, string[]? Keys);
