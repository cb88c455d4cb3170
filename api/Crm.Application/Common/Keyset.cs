using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using Crm.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace Crm.Application.Common;

public static class Keyset
{
    private static readonly System.Reflection.MethodInfo TupleCreate = typeof(ValueTuple).GetMethods()
        .Single(m => m.Name == nameof(ValueTuple.Create) && m.GetGenericArguments().Length == 2);

    private static readonly System.Reflection.MethodInfo GreaterThan = typeof(NpgsqlDbFunctionsExtensions)
        .GetMethod(nameof(NpgsqlDbFunctionsExtensions.GreaterThan), [typeof(DbFunctions), typeof(ITuple), typeof(ITuple)])!;

    private static readonly System.Reflection.MethodInfo LessThan = typeof(NpgsqlDbFunctionsExtensions)
        .GetMethod(nameof(NpgsqlDbFunctionsExtensions.LessThan), [typeof(DbFunctions), typeof(ITuple), typeof(ITuple)])!;

    /// <summary>
    /// ORDER BY key, id and WHERE (key, id) &gt; (@key, @id) as a PostgreSQL row comparison,
    /// which a (key, id) index answers without scanning earlier pages.
    /// </summary>
    public static IQueryable<T> OrderAndSeek<T, TKey>(IQueryable<T> query, Expression<Func<T, TKey>> key, bool descending, (TKey Key, Guid Id)? after)
        where T : Entity =>
        Order(Seek(query, key, descending, after), key, descending);

    /// <summary>
    /// <see cref="OrderAndSeek"/> in two parts, for a query that seeks before it narrows further and sorts after: the
    /// row comparison must name the table's columns, as EF Core gives a subquery's columns no type mapping inside one.
    /// </summary>
    public static KeysetSort<T> Sort<T, TKey>(Expression<Func<T, TKey>> key, bool descending, (TKey Key, Guid Id)? after)
        where T : Entity =>
        new(query => Seek(query, key, descending, after), query => Order(query, key, descending));

    private static IQueryable<T> Order<T, TKey>(IQueryable<T> query, Expression<Func<T, TKey>> key, bool descending)
        where T : Entity =>
        descending
            ? query.OrderByDescending(key).ThenByDescending(e => e.Id)
            : query.OrderBy(key).ThenBy(e => e.Id);

    private static IQueryable<T> Seek<T, TKey>(IQueryable<T> query, Expression<Func<T, TKey>> key, bool descending, (TKey Key, Guid Id)? after)
        where T : Entity
    {
        if (after is { } a)
        {
            var p = key.Parameters[0];
            var create = TupleCreate.MakeGenericMethod(typeof(TKey), typeof(Guid));
            var row = Expression.Call(create, key.Body, Expression.Property(p, nameof(Entity.Id)));
            var bound = new Bound<TKey>(a.Key, a.Id);
            var boundExpr = Expression.Constant(bound);
            var value = Expression.Call(create, Expression.Property(boundExpr, nameof(Bound<TKey>.Key)), Expression.Property(boundExpr, nameof(Bound<TKey>.Id)));
            var compare = Expression.Call(
                descending ? LessThan : GreaterThan,
                Expression.Constant(EF.Functions),
                Expression.Convert(row, typeof(ITuple)),
                Expression.Convert(value, typeof(ITuple)));
            query = query.Where(Expression.Lambda<Func<T, bool>>(compare, p));
        }

        return query;
    }

    public static (string Field, bool Descending) ParseSort(string? sort, string defaultSort, IReadOnlyCollection<string> allowed)
    {
        var s = string.IsNullOrWhiteSpace(sort) ? defaultSort : sort.Trim();
        var desc = s.StartsWith('-');
        var field = desc ? s[1..] : s;
        if (!allowed.Contains(field))
        {
            throw new BadRequestException("sort", Texts.Format("paging.sort", ("values", string.Join(", ", allowed.SelectMany(a => new[] { a, "-" + a })))));
        }

        return (field, desc);
    }

    /// <summary>Runs a keyset page: limit+1 rows tell whether a next page exists.</summary>
    public static Task<(List<TItem> Items, bool HasMore)> TakePageAsync<TItem>(IQueryable<TItem> query, int limit, CancellationToken ct) =>
        PageAsync(query.Take(limit + 1).AsAsyncEnumerable(), limit, ct);

    /// <summary>A keyset page from <paramref name="rows"/>, which holds up to limit+1 rows.</summary>
    private static async Task<(List<TItem> Items, bool HasMore)> PageAsync<TItem>(IAsyncEnumerable<TItem> rows, int limit, CancellationToken ct)
    {
        var items = new List<TItem>(limit + 1);
        await foreach (var item in rows.WithCancellation(ct))
        {
            items.Add(item);
        }

        return Page(items, limit);
    }

    /// <summary>A keyset page from up to limit+1 rows read: the extra row only tells that a next page exists.</summary>
    public static (List<TItem> Items, bool HasMore) Page<TItem>(List<TItem> rows, int limit)
    {
        var hasMore = rows.Count > limit;
        if (hasMore)
        {
            rows.RemoveRange(limit, rows.Count - limit);
        }

        return (rows, hasMore);
    }

    private sealed class Bound<TKey>(TKey key, Guid id)
    {
        public TKey Key { get; } = key;

        public Guid Id { get; } = id;
    }
}

/// <summary>A keyset order in two parts: <see cref="Seek"/> keeps the rows after the cursor, <see cref="Order"/> sorts by key and id.</summary>
public sealed record KeysetSort<T>(Func<IQueryable<T>, IQueryable<T>> Seek, Func<IQueryable<T>, IQueryable<T>> Order);
