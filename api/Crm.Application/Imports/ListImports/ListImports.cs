using AutoMapper;
using AutoMapper.QueryableExtensions;
using Crm.Application.Common;
using Crm.Contracts.Common;
using Crm.Contracts.Imports;
using Crm.Domain.Users;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Crm.Application.Imports.ListImports;

/// <summary>The caller's import jobs (an Admin's: everyone's), newest first, keyset-paginated.</summary>
public sealed record ListImports(int Limit, string? Cursor) : IQuery<Page<ImportJobResponse>>;

public sealed class ListImportsValidator : AbstractValidator<ListImports>
{
    public ListImportsValidator() => RuleFor(x => x.Limit).InclusiveBetween(1, Paging.MaxLimit).OverridePropertyName("limit");
}

public sealed class ListImportsHandler(ICrmDbContext db, IMapper mapper, ICurrentUser user) : IQueryHandler<ListImports, Page<ImportJobResponse>>
{
    private const string Scope = "imports:createdAt:d";

    public async ValueTask<Page<ImportJobResponse>> Handle(ListImports request, CancellationToken cancellationToken)
    {
        var admin = user.IsInRole(Roles.Admin);
        var me = user.Id;
        (string Key, Guid Id)? after = request.Cursor is null ? null : Paging.Decode(request.Cursor, Scope);
        var query = Keyset.OrderAndSeek(
            db.ImportJobs.AsNoTracking().Where(j => admin || j.CreatedById == me),
            j => j.CreatedAt,
            descending: true,
            after is { } a ? (Paging.ParseTime(a.Key), a.Id) : null);
        var (items, more) = await Keyset.TakePageAsync(query.ProjectTo<ImportJobResponse>(mapper.ConfigurationProvider), request.Limit, cancellationToken);
        return new Page<ImportJobResponse>
        {
            Items = items,
            NextCursor = more ? Paging.Encode(Scope, Paging.Key(items[^1].CreatedAt), items[^1].Id) : null,
        };
    }
}
