using AutoMapper;
using AutoMapper.QueryableExtensions;
using Crm.Application.Common;
using Crm.Contracts.Common;
using Crm.Contracts.Users;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Crm.Application.Users.ListUsers;

public sealed record ListUsers : IQuery<Page<UserResponse>>
{
    public int Limit { get; init; } = Paging.DefaultLimit;

    public string? Cursor { get; init; }

    public bool? Active { get; init; }
}

public sealed class ListUsersValidator : AbstractValidator<ListUsers>
{
    public ListUsersValidator() => RuleFor(x => x.Limit).InclusiveBetween(1, Paging.MaxLimit).OverridePropertyName("limit");
}

public sealed class ListUsersHandler(ICrmDbContext db, IMapper mapper) : IQueryHandler<ListUsers, Page<UserResponse>>
{
    public async ValueTask<Page<UserResponse>> Handle(ListUsers request, CancellationToken cancellationToken)
    {
        const string scope = "users:email:a";
        (string Key, Guid Id)? after = request.Cursor is null ? null : Paging.Decode(request.Cursor, scope);
        var query = db.Users.AsNoTracking();
        if (request.Active is { } active)
        {
            query = query.Where(u => u.Active == active);
        }

        query = Keyset.OrderAndSeek(query, u => u.Email, false, after);
        var (items, hasMore) = await Keyset.TakePageAsync(query.ProjectTo<UserResponse>(mapper.ConfigurationProvider), request.Limit, cancellationToken);
        return new Page<UserResponse>
        {
            Items = items,
            NextCursor = hasMore ? Paging.Encode(scope, items[^1].Email, items[^1].Id) : null,
        };
    }
}
