using AutoMapper;
using AutoMapper.QueryableExtensions;
using Crm.Application.Common;
using Crm.Contracts.Common;
using Crm.Contracts.Users;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Crm.Application.Departments.ListDepartments;

/// <summary>Departments by name, keyset-paginated.</summary>
public sealed record ListDepartments : IQuery<Page<DepartmentResponse>>
{
    public int Limit { get; init; } = Paging.DefaultLimit;

    public string? Cursor { get; init; }
}

public sealed class ListDepartmentsValidator : AbstractValidator<ListDepartments>
{
    public ListDepartmentsValidator() => RuleFor(x => x.Limit).InclusiveBetween(1, Paging.MaxLimit).OverridePropertyName("limit");
}

public sealed class ListDepartmentsHandler(ICrmDbContext db, IMapper mapper) : IQueryHandler<ListDepartments, Page<DepartmentResponse>>
{
    private const string Scope = "departments:name:a";

    public async ValueTask<Page<DepartmentResponse>> Handle(ListDepartments request, CancellationToken cancellationToken)
    {
        (string Key, Guid Id)? after = request.Cursor is null ? null : Paging.Decode(request.Cursor, Scope);

        // departments.name has the collation crm_names, so the order (and the keyset's row comparison) is reading order.
        var query = Keyset.OrderAndSeek(db.Departments.AsNoTracking(), d => d.Name, false, after);
        var (items, hasMore) = await Keyset.TakePageAsync(query.ProjectTo<DepartmentResponse>(mapper.ConfigurationProvider), request.Limit, cancellationToken);
        return new Page<DepartmentResponse>
        {
            Items = items,
            NextCursor = hasMore ? Paging.Encode(Scope, items[^1].Name, items[^1].Id) : null,
        };
    }
}
