using AutoMapper;
using AutoMapper.QueryableExtensions;
using Crm.Application.Common;
using Crm.Contracts.Common;
using Crm.Contracts.Users;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Crm.Application.Users.ListUserDirectory;

/// <summary>The people who can own customers, by name, for everyone who reads customers (ListUsers is for Admins).</summary>
public sealed record ListUserDirectory : IQuery<Page<UserDirectoryEntry>>
{
    public int Limit { get; init; } = Paging.DefaultLimit;

    public string? Cursor { get; init; }

    public bool? Active { get; init; }
}

public sealed class ListUserDirectoryValidator : AbstractValidator<ListUserDirectory>
{
    public ListUserDirectoryValidator() => RuleFor(x => x.Limit).InclusiveBetween(1, Paging.MaxLimit).OverridePropertyName("limit");
}

public sealed class ListUserDirectoryHandler(ICrmDbContext db, IMapper mapper) : IQueryHandler<ListUserDirectory, Page<UserDirectoryEntry>>
{
    public async ValueTask<Page<UserDirectoryEntry>> Handle(ListUserDirectory request, CancellationToken cancellationToken)
    {
        const string scope = "users:directory:name:a";
        (string Key, Guid Id)? after = request.Cursor is null ? null : Paging.Decode(request.Cursor, scope);
        var query = db.Users.AsNoTracking();
        if (request.Active is { } active)
        {
            query = query.Where(u => u.Active == active);
        }

        // users.name has the collation crm_names, so the order (and the keyset's row comparison) is reading order.
        query = Keyset.OrderAndSeek(query, u => u.Name, false, after);
        var (items, hasMore) = await Keyset.TakePageAsync(query.ProjectTo<UserDirectoryEntry>(mapper.ConfigurationProvider), request.Limit, cancellationToken);
        return new Page<UserDirectoryEntry>
        {
            Items = items,
            NextCursor = hasMore ? Paging.Encode(scope, items[^1].Name, items[^1].Id) : null,
        };
    }
}
