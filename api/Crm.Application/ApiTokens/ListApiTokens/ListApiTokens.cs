using AutoMapper;
using AutoMapper.QueryableExtensions;
using Crm.Application.Common;
using Crm.Contracts.ApiTokens;
using Crm.Contracts.Common;
using Crm.Domain.Users;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Crm.Application.ApiTokens.ListApiTokens;

/// <summary>Your tokens (Admins see everyone's, to revoke a leaked one), newest first, keyset-paginated.</summary>
public sealed record ListApiTokens : IQuery<Page<ApiTokenResponse>>
{
    public int Limit { get; init; } = Paging.DefaultLimit;

    public string? Cursor { get; init; }
}

public sealed class ListApiTokensValidator : AbstractValidator<ListApiTokens>
{
    public ListApiTokensValidator() => RuleFor(x => x.Limit).InclusiveBetween(1, Paging.MaxLimit).OverridePropertyName("limit");
}

public sealed class ListApiTokensHandler(ICrmDbContext db, ICurrentUser currentUser, IMapper mapper) : IQueryHandler<ListApiTokens, Page<ApiTokenResponse>>
{
    private const string Scope = "api-tokens:createdAt:d";

    public async ValueTask<Page<ApiTokenResponse>> Handle(ListApiTokens request, CancellationToken cancellationToken)
    {
        (string Key, Guid Id)? after = request.Cursor is null ? null : Paging.Decode(request.Cursor, Scope);
        var query = db.ApiTokens.AsNoTracking();
        if (!currentUser.IsInRole(Roles.Admin))
        {
            query = query.Where(t => t.OwnerId == currentUser.Id);
        }

        query = Keyset.OrderAndSeek(query, t => t.CreatedAt, descending: true, after is { } a ? (Paging.ParseTime(a.Key), a.Id) : null);
        var (items, hasMore) = await Keyset.TakePageAsync(query.ProjectTo<ApiTokenResponse>(mapper.ConfigurationProvider), request.Limit, cancellationToken);
        return new Page<ApiTokenResponse>
        {
            Items = items,
            NextCursor = hasMore ? Paging.Encode(Scope, Paging.Key(items[^1].CreatedAt), items[^1].Id) : null,
        };
    }
}
