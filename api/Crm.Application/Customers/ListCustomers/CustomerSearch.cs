using AutoMapper;
using AutoMapper.QueryableExtensions;
using Crm.Application.Common;
using Crm.Contracts.Customers;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Crm.Application.Customers.ListCustomers;

/// <summary>
/// <c>?q=</c> on the customer list sorted by name, through the word postings (<c>customer_search</c>: word, name, id,
/// kept by triggers). One word of the query drives: the customers holding one of its keys come out of the postings
/// index already in name order, a batch at a time; each is checked against the other words in the postings too, and
/// only those that pass are read from the customers table, with the filters. A page of a word 18,000 customers share
/// then reads a few dozen index entries instead of every match. The rarest word drives (postings counted up to
/// <see cref="CountCap"/> per key), so "kowalski distribuidora" walks the few Kowalskis (two words: in one statement,
/// <see cref="FilterAsync"/>); when every word is common the postings are intersected instead (two words:
/// merge-joined, <see cref="IntersectAsync"/>). Queries with a word that is not a plain word (e-mails, phones, ids,
/// one or two letters, fragments inside too many words) take the trigram path in <see cref="SearchQuery"/>.
/// </summary>
internal static class CustomerSearch
{
    private const int CountCap = 1000;

    private const int MaxBatch = 5000;

    private static readonly string PageAscending = PageOf("ASC");

    private static readonly string PageDescending = PageOf("DESC");

    /// <summary>Keys per word up to which two words' postings are read merged in name order (<see cref="Postings"/>).</summary>
    private const int MergedKeys = 16;

    /// <summary>One page of matches in name order, or null when the query needs the trigram path.</summary>
    public static async Task<(List<CustomerResponse> Items, bool HasMore)?> PageAsync(
        ICrmDbContext db, IConfigurationProvider mapping, CustomerFilter filter, bool descending, (string Key, Guid Id)? after, int limit, CancellationToken ct)
    {
        var plain = SearchQuery.Words(filter.Q);
        if (plain.Count is 0 or > SearchQuery.MaxCorrectedWords
            || !plain.All(SearchQuery.IsPlainWord)
            || await SearchQuery.PrepareAsync(db, filter.Q, withKeys: true, ct) is not { } words
            || words.Any(w => w.Keys is null))
        {
            return null;
        }

        var (driver, postings) = words.Count == 1 ? (words[0], 0) : await RarestAsync(db, words, ct);
        // Every word common ("carvalho moreira": 20,000 and 11,000 customers): walking one word's customers in name
        // order would pass thousands before the few hundred holding both, so the postings are intersected instead.
        var intersect = postings >= CountCap;
        var items = new List<CustomerResponse>(limit + 1);
        if (driver.Keys is not { Length: > 0 } keys)
        {
            return (items, false); // no customer holds this word, so none holds them all
        }

        var rest = filter with { Q = null };
        var query = rest.IsActiveOnly ? null : await rest.ApplyAsync(db, db.Customers.AsNoTracking(), ct);
        var others = words.Where(w => w != driver).Select(w => w.Keys!).ToList();
        // One or two words with few keys each are read as ordered streams of postings (Postings), in one statement.
        var merged = others is [] or [{ Length: <= MergedKeys }] && keys.Length <= MergedKeys;
        if (others.Count == 0 && merged && query is null)
        {
            return Keyset.Page(await PageOfWordAsync(db, keys, after, descending, limit + 1, ct), limit);
        }

        // The first batch reads a quarter more than the page: the page read drops archived customers (2 % at 1M),
        // and one short page would cost a second scan and page read. Batches then grow while the checks keep
        // rejecting candidates (a second word, a selective filter).
        var batch = limit + 1 + Math.Max(limit / 4, 4);
        var from = after;
        while (true)
        {
            var scan = await (intersect
                ? merged ? IntersectAsync(db, keys, others, from, descending, batch, ct) : HashIntersectAsync(db, keys, others, from, descending, batch, ct)
                : merged ? FilterAsync(db, keys, others, from, descending, batch, ct) : ScanAsync(db, keys, others, from, descending, batch, ct));
            var ids = scan.Where(c => c.Matched).Select(c => c.Id).ToList();
            if (ids.Count > 0)
            {
                var take = limit + 1 - items.Count;
                var rows = query is null
                    ? await PageReadAsync(db, ids.ToArray(), descending, take, ct)
                    : await Keyset.OrderAndSeek(query.Where(c => ids.Contains(c.Id)), c => c.Name, descending, null)
                        .ProjectTo<CustomerResponse>(mapping)
                        .Take(take)
                        .ToListAsync(ct);
                items.AddRange(rows);
            }

            if (items.Count > limit || scan.Count == 0 || scan[^1].Scanned < batch)
            {
                break;
            }

            from = (scan[^1].Name, scan[^1].Id);
            batch = Math.Min(batch * 4, MaxBatch);
        }

        return Keyset.Page(items, limit);
    }

    /// <summary>
    /// Reads the next <paramref name="count"/> customers after <paramref name="after"/> holding one of
    /// <paramref name="keys"/>, in name order, and checks each against <paramref name="others"/> (it must hold one
    /// key of every other word) in the postings, without touching the customers table. Returns the candidates that
    /// passed and, always, the last one read, with how many were read.
    /// </summary>
    private static Task<List<Candidate>> ScanAsync(
        ICrmDbContext db, string[] keys, List<string[]> others, (string Key, Guid Id)? after, bool descending, int count, CancellationToken ct)
    {
        var order = descending ? "DESC" : "ASC";
        // A correlated subquery with LIMIT, not EXISTS: EXISTS would be planned as a join reading every posting of
        // the other word (18,000 for a common one); this is a few index probes per candidate.
        var matched = others.Count == 0
            ? "true"
            : string.Join(" AND ", others.Select((_, i) =>
                $"coalesce((SELECT true FROM customer_search AS q WHERE q.word = ANY (@other{i}) AND q.name = b.name AND q.id = b.id LIMIT 1), false)"));
        // Each key's postings are read in index order and cut at count, so a common key costs count entries.
        var sql = $"""
            SELECT name AS "Name", id AS "Id", matched AS "Matched", scanned AS "Scanned" FROM (
                SELECT b.name, b.id, {matched} AS matched, row_number() OVER (ORDER BY b.name {order}, b.id {order}) AS n, count(*) OVER () AS scanned
                FROM (SELECT DISTINCT x.name, x.id FROM unnest(@keys) AS k(word)
                      CROSS JOIN LATERAL (SELECT p.name, p.id FROM customer_search AS p WHERE p.word = k.word {Seek(after, descending)}
                                          ORDER BY p.name {order}, p.id {order} LIMIT @count) AS x
                      ORDER BY x.name {order}, x.id {order} LIMIT @count) AS b) AS r
            WHERE matched OR n = scanned
            ORDER BY name {order}, id {order}
            """;
        // One word (inside 17 to 100 listed words) keeps PostgreSQL's choice, as before; more are planned as StreamAsync's.
        var planning = others.Count == 0 ? Planning.Default : Planning.Custom | Planning.Serial;
        return RawQuery.ListAsync(db, sql, Parameters(keys, others, after, count), Candidate.Read, planning, ct);
    }

    /// <summary>
    /// The next <paramref name="count"/> customers after <paramref name="after"/> holding one of
    /// <paramref name="keys"/> and one key of every other word, in name order. For two words, each word's postings
    /// come out of the postings index in name order (one index scan per key, merged: a UNION ALL of ordered scans)
    /// and the two streams are merge-joined, so the statement stops at the <paramref name="count"/>th customer
    /// holding both. "martins servicos" (10,600 and 17,700 customers, 1,035 holding both) then reads 7,600
    /// postings in 3 ms at 1M instead of hashing one word's postings whole and sorting every match. When few
    /// customers hold both, the streams are read to the end, which costs more than the hash ("vila comas":
    /// 4.4 → 14 ms). Over the bench's 254 two-word intersections (psql, one at a time, generic plans): mean
    /// 4.3 → 3.1 ms, p95 8.1 → 6.9 ms. Three words or more, or a word with more keys than
    /// <see cref="MergedKeys"/>, take <see cref="HashIntersectAsync"/> instead: with a third stream PostgreSQL's
    /// generic plan hashed and sorted anyway, and read far more.
    /// </summary>
    private static Task<List<Candidate>> IntersectAsync(
        ICrmDbContext db, string[] keys, List<string[]> others, (string Key, Guid Id)? after, bool descending, int count, CancellationToken ct) =>
        StreamAsync(db, keys, others, after, descending, count,
            $"JOIN ({Postings("other0", others[0].Length, after, descending)}) AS b ON b.name = a.name AND b.id = a.id", ct);

    /// <summary>
    /// The next <paramref name="count"/> customers after <paramref name="after"/> holding one of
    /// <paramref name="keys"/> (a word fewer than <see cref="CountCap"/> customers hold) and one key of the other
    /// word, in name order: the word's postings in name order (as in <see cref="IntersectAsync"/>), each checked
    /// against the other word by an index probe, until <paramref name="count"/> pass or the postings end. One
    /// statement however sparse the matches, where <see cref="ScanAsync"/> reads candidates in batches of 63,
    /// 252, 1,008 (one round trip and page read each): "mroaes filhos" (310 customers, none holding both) took
    /// three statements and 7.5 ms, now one and 2 ms. A one-word query with a filter (no other word) takes the
    /// postings as they come: 0.09 ms for a page, where <see cref="ScanAsync"/> planned and ran in 0.25 ms; without a
    /// filter it reads its page with them (<see cref="PageOfWordAsync"/>).
    /// </summary>
    private static Task<List<Candidate>> FilterAsync(
        ICrmDbContext db, string[] keys, List<string[]> others, (string Key, Guid Id)? after, bool descending, int count, CancellationToken ct) =>
        StreamAsync(db, keys, others, after, descending, count, others.Count == 0 ? string.Empty
            : "WHERE (SELECT true FROM customer_search AS q WHERE q.word = ANY (@other0) AND q.name = a.name AND q.id = a.id LIMIT 1)", ct);

    /// <summary>
    /// The first <paramref name="count"/> distinct customers of the driver's postings stream (<c>a</c>, from
    /// <see cref="Postings"/>) that pass <paramref name="check"/>, in name order: all of them matches.
    /// </summary>
    private static Task<List<Candidate>> StreamAsync(
        ICrmDbContext db, string[] keys, List<string[]> others, (string Key, Guid Id)? after, bool descending, int count, string check, CancellationToken ct)
    {
        var order = descending ? "DESC" : "ASC";
        var sql = $"""
            SELECT name AS "Name", id AS "Id", true AS "Matched", count(*) OVER () AS "Scanned" FROM (
                SELECT DISTINCT a.name, a.id
                FROM ({Postings("keys", keys.Length, after, descending)}) AS a
                {check}
                ORDER BY a.name {order}, a.id {order} LIMIT @count) AS m
            ORDER BY name {order}, id {order}
            """;
        // One word's postings: PostgreSQL planned them again for every call (0.13 ms, more than running them took,
        // 0.09 ms with the generic plan). Two words are planned for their own keys, without parallel workers: generic
        // plans ran slower (2.6-3.0 ms against 1.8 ms a statement, one connection at 1M customers), and PostgreSQL,
        // left to choose, kept them after five calls, with parallel hash joins that read every posting of both words
        // for sixteen keys (48-108 ms instead of 2-9 ms at 2.1M customers, see Planning).
        var planning = others.Count == 0 ? Planning.Generic : Planning.Custom | Planning.Serial;
        return RawQuery.ListAsync(db, sql, Parameters(keys, others, after, count), Candidate.Read, planning, ct);
    }

    /// <summary>
    /// A one-word search with no other filter (three searches in four in the bench): the first <paramref name="count"/>
    /// active customers holding one of <paramref name="keys"/>, in name order, in one statement, each read from the
    /// customers table as the postings stream (<see cref="FilterAsync"/>) reaches it. One round trip instead of two, no
    /// sort of the page, and only as many customers read as the page needs, where the page read took a quarter more
    /// ids to allow for archived customers. DISTINCT ON keeps the LIMIT at the stream's level, so that PostgreSQL plans
    /// it to stop early; with DISTINCT in a subquery and the LIMIT outside, its generic plan for a descending page after
    /// a cursor hashed and sorted every posting after the cursor (4,166 for 51). On the 2.1M dev database (psql, warm):
    /// 0.42 ms, against 0.13 ms for the stream and 0.54 ms for the page read. The join is on the id alone: a posting's
    /// name is its customer's (the triggers rewrite a customer's postings in the statement that renames it), and with
    /// the name in the join too PostgreSQL multiplied the two equalities' selectivities, expected one row from the
    /// join, and planned a parallel sort of every posting of the word instead of the stream (213 ms against 1.5 ms for
    /// "silva" at 2.2M customers; search fell to 54 requests a second in the bench run of 107a9f1). Two words keep
    /// their two statements: read in one, the intersection of two words cost PostgreSQL more to plan (0.5 against
    /// 0.3 ms a call) than the round trip it saved.
    /// </summary>
    private static Task<List<CustomerResponse>> PageOfWordAsync(
        ICrmDbContext db, string[] keys, (string Key, Guid Id)? after, bool descending, int count, CancellationToken ct)
    {
        var order = descending ? "DESC" : "ASC";
        var sql = $"""
            SELECT DISTINCT ON (a.name, a.id) {CustomerRows.Columns}
            FROM ({Postings("keys", keys.Length, after, descending)}) AS a
            JOIN customers AS c ON c.id = a.id
            WHERE c.archived_at IS NULL
            ORDER BY a.name {order}, a.id {order}
            LIMIT @count
            """;
        // Planned once per connection, as FilterAsync's stream of one word is.
        return RawQuery.ListAsync(db, sql, Parameters(keys, [], after, count), CustomerRows.Read, Planning.Generic, ct);
    }

    /// <summary>
    /// The postings of the keys in the array parameter <paramref name="parameter"/> after <paramref name="after"/>,
    /// in name order: one ordered index scan per key, the key read from the array by position, which PostgreSQL
    /// merges. The number of scans is rounded up (1, 4 or 16; a position past the end is NULL and its scan reads
    /// nothing), so that a few statement shapes serve every query: the driver prepares the frequent ones, and
    /// PostgreSQL keeps a generic plan for them.
    /// </summary>
    private static string Postings(string parameter, int keys, (string Key, Guid Id)? after, bool descending)
    {
        var order = descending ? "DESC" : "ASC";
        var slots = keys <= 1 ? 1 : keys <= 4 ? 4 : MergedKeys;
        return string.Join(" UNION ALL ", Enumerable.Range(1, slots).Select(i =>
            $"(SELECT name, id FROM customer_search WHERE word = (@{parameter})[{i}] {Seek(after, descending, "name, id")} ORDER BY name {order}, id {order})"));
    }

    /// <summary>
    /// <see cref="IntersectAsync"/> for three words or more, or a word with many keys: the postings of all words
    /// read whole and joined by hashing (about 10 ms for two words of 20,000 customers each at 1M). The joins name
    /// the whole postings key (word, name, id): a probe by word and id alone walks all of the word's postings
    /// ("bosch sabate films", a third word checked by probes: 113 ms instead of 4 ms).
    /// </summary>
    private static Task<List<Candidate>> HashIntersectAsync(
        ICrmDbContext db, string[] keys, List<string[]> others, (string Key, Guid Id)? after, bool descending, int count, CancellationToken ct)
    {
        var order = descending ? "DESC" : "ASC";
        var holds = string.Concat(others.Select((_, i) =>
            $" AND EXISTS (SELECT 1 FROM customer_search AS q WHERE q.word = ANY (@other{i}) AND q.name = p.name AND q.id = p.id)"));
        var sql = $"""
            SELECT name AS "Name", id AS "Id", true AS "Matched", count(*) OVER () AS "Scanned" FROM (
                SELECT DISTINCT p.name, p.id FROM customer_search AS p
                WHERE p.word = ANY (@keys) {Seek(after, descending)}{holds}
                ORDER BY p.name {order}, p.id {order} LIMIT @count) AS b
            ORDER BY name {order}, id {order}
            """;
        return RawQuery.ListAsync(db, sql, Parameters(keys, others, after, count), Candidate.Read, Planning.Custom | Planning.Serial, ct);
    }

    private static string Seek((string Key, Guid Id)? after, bool descending, string columns = "p.name, p.id") =>
        after is null ? string.Empty : $"AND ({columns}) {(descending ? "<" : ">")} (@name, @id)";

    private static List<NpgsqlParameter> Parameters(string[] keys, List<string[]> others, (string Key, Guid Id)? after, int count)
    {
        List<NpgsqlParameter> parameters = [new NpgsqlParameter("keys", keys), new NpgsqlParameter("count", count)];
        parameters.AddRange(others.Select((o, i) => new NpgsqlParameter($"other{i}", o)));
        if (after is { } a)
        {
            parameters.Add(new NpgsqlParameter("name", a.Key));
            parameters.Add(new NpgsqlParameter("id", a.Id));
        }

        return parameters;
    }

    /// <summary>The word with the fewest postings, and how many (each key counted up to <see cref="CountCap"/>).</summary>
    private static async Task<(SearchWord Word, int Postings)> RarestAsync(ICrmDbContext db, IReadOnlyList<SearchWord> words, CancellationToken ct)
    {
        var index = words.SelectMany((w, i) => w.Keys!.Select(_ => i)).ToArray();
        var keys = words.SelectMany(w => w.Keys!).ToArray();
        var counts = await RawQuery.ListAsync(db, $"""
            SELECT k.i, count(*)::int
            FROM unnest(@index, @keys) AS k(i, word)
            CROSS JOIN LATERAL (SELECT 1 FROM customer_search AS p WHERE p.word = k.word LIMIT {CountCap}) AS x
            GROUP BY k.i
            """, [new NpgsqlParameter("index", index), new NpgsqlParameter("keys", keys)], r => new KeyCount(r.GetInt32(0), r.GetInt32(1)), Planning.Default, ct);
        return words.Select((w, i) => (Word: w, Count: counts.FirstOrDefault(c => c.Index == i)?.Count ?? 0)).MinBy(x => x.Count);
    }

    /// <summary>
    /// The page read when no filter but <c>q</c> is given: the active customers among the matched ids, by name, read by
    /// <see cref="CustomerRows"/> as the one-word page is (<see cref="PageOfWordAsync"/>), without EF Core's query pipeline.
    /// </summary>
    private static Task<List<CustomerResponse>> PageReadAsync(ICrmDbContext db, Guid[] ids, bool descending, int take, CancellationToken ct) =>
        RawQuery.ListAsync(db, descending ? PageDescending : PageAscending, [new NpgsqlParameter("ids", ids), new NpgsqlParameter("take", take)], CustomerRows.Read, Planning.Default, ct);

    private static string PageOf(string order) =>
        $"SELECT {CustomerRows.Columns} FROM customers AS c WHERE c.archived_at IS NULL AND c.id = ANY (@ids) ORDER BY c.name {order}, c.id {order} LIMIT @take";

    private sealed record Candidate(string Name, Guid Id, bool Matched, long Scanned)
    {
        public static Candidate Read(NpgsqlDataReader r) => new(r.GetString(0), r.GetGuid(1), r.GetBoolean(2), r.GetInt64(3));
    }

    private sealed record KeyCount(int Index, int Count);
}
