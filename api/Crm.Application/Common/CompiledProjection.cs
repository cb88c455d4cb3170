using System.Linq.Expressions;
using AutoMapper;
using AutoMapper.QueryableExtensions;

namespace Crm.Application.Common;

/// <summary>
/// AutoMapper's <c>ProjectTo</c> projection as an expression, for EF Core compiled queries (which take one fixed
/// expression tree and cannot call <c>ProjectTo</c>): the mapping stays defined once, in the profile.
/// </summary>
public static class CompiledProjection
{
    /// <summary>The <c>source =&gt; new TResult { … }</c> lambda that <c>ProjectTo&lt;TResult&gt;</c> would add to a query of <typeparamref name="TSource"/>.</summary>
    public static LambdaExpression Of<TSource, TResult>(IConfigurationProvider configuration)
    {
        var projected = Array.Empty<TSource>().AsQueryable().ProjectTo<TResult>(configuration).Expression;
        return (LambdaExpression)((UnaryExpression)((MethodCallExpression)projected).Arguments[1]).Operand;
    }

    /// <summary>
    /// <c>source(…).Select(projection).Take(take)</c> as a lambda over <paramref name="source"/>'s parameters, the last of
    /// which is take: the shape of a compiled page query.
    /// </summary>
    public static Expression<TDelegate> Take<TDelegate>(LambdaExpression source, LambdaExpression projection) =>
        Take<TDelegate>(source, projection, source.Parameters[^1]);

    /// <summary>
    /// <c>source(…).Select(projection).Take(take)</c> with take a constant, as a lambda over <paramref name="source"/>'s
    /// parameters: a compiled page query for one page size. A compiled query keeps a constant as a literal in its SQL
    /// (<c>LIMIT 51</c>), on which PostgreSQL can reuse a generic plan (the customer list's NamePages).
    /// </summary>
    public static Expression<TDelegate> Take<TDelegate>(LambdaExpression source, LambdaExpression projection, int take) =>
        Take<TDelegate>(source, projection, Expression.Constant(take));

    private static Expression<TDelegate> Take<TDelegate>(LambdaExpression source, LambdaExpression projection, Expression take) =>
        Expression.Lambda<TDelegate>(
            Expression.Call(typeof(Queryable), nameof(Queryable.Take), [projection.ReturnType], Select(source.Body, projection), take),
            source.Parameters);

    /// <summary><c>Queryable.Select(source, projection)</c> as an expression.</summary>
    public static MethodCallExpression Select(Expression source, LambdaExpression projection) =>
        Expression.Call(typeof(Queryable), nameof(Queryable.Select), [projection.Parameters[0].Type, projection.ReturnType], source, Expression.Quote(projection));
}
