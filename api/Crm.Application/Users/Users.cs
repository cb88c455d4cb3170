using System.Text.Json;
using AutoMapper;
using AutoMapper.QueryableExtensions;
using Crm.Application.Common;
using Crm.Contracts.Common;
using Crm.Contracts.Users;
using Crm.Domain.Users;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Crm.Application.Users;

public sealed class UserMappingProfile : Profile
{
    public UserMappingProfile()
    {
        CreateMap<User, UserResponse>();
        CreateMap<User, MeResponse>();
        CreateMap<User, Versioned<UserResponse>>()
            .ForMember(v => v.Value, o => o.MapFrom(u => u))
            .ForMember(v => v.Version, o => o.MapFrom(u => u.Version));
        CreateMap<Department, DepartmentResponse>();
    }
}

internal static class UserRules
{
    public const int MinPasswordLength = 12;

    public static IRuleBuilderOptions<T, IReadOnlyList<string>?> ValidRoles<T>(this IRuleBuilder<T, IReadOnlyList<string>?> rule) =>
        rule.NotEmpty().WithMessage("At least one role is required.")
            .Must(r => r!.All(Roles.IsKnown)).WithMessage("Roles are: " + string.Join(", ", Roles.All) + ".");

    public static async Task EnsureDepartmentAsync(ICrmDbContext db, Guid? departmentId, CancellationToken ct)
    {
        if (departmentId is { } id && !await db.Departments.AnyAsync(d => d.Id == id, ct))
        {
            throw new BadRequestException("departmentId", "No department has this id.");
        }
    }
}

public sealed record CreateUser(CreateUserRequest Input) : ICommand<Versioned<UserResponse>>;

public sealed class CreateUserValidator : AbstractValidator<CreateUser>
{
    public CreateUserValidator()
    {
        RuleFor(x => x.Input.Email).NotEmpty().MaximumLength(254)
            .Must(e => ContactPoints.IsValidEmail(ContactPoints.NormalizeEmail(e)!)).WithMessage("Not a valid email address.")
            .OverridePropertyName("email");
        RuleFor(x => x.Input.Name).NotEmpty().MaximumLength(200).OverridePropertyName("name");
        RuleFor(x => x.Input.Password).NotEmpty().MinimumLength(UserRules.MinPasswordLength).MaximumLength(200).OverridePropertyName("password");
        RuleFor(x => x.Input.Roles).ValidRoles().OverridePropertyName("roles");
    }
}

public sealed class CreateUserHandler(ICrmDbContext db, IPasswordHasher hasher, IMapper mapper) : ICommandHandler<CreateUser, Versioned<UserResponse>>
{
    public async ValueTask<Versioned<UserResponse>> Handle(CreateUser request, CancellationToken cancellationToken)
    {
        var input = request.Input;
        var email = ContactPoints.NormalizeEmail(input.Email)!;
        var existing = await db.Users.Where(u => u.Email == email).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(cancellationToken);
        if (existing is { } id)
        {
            throw new ConflictException("A user with this email already exists.", "email", id, $"/api/v1/users/{id}");
        }

        await UserRules.EnsureDepartmentAsync(db, input.DepartmentId, cancellationToken);
        var user = User.Create(email, input.Name!.Trim(), input.Roles!, input.DepartmentId);
        user.SetPasswordHash(hasher.Hash(input.Password!));
        db.Users.Add(user);
        await db.SaveChangesAsync(cancellationToken);
        return mapper.Map<Versioned<UserResponse>>(user);
    }
}

public sealed record GetUser(Guid Id) : IQuery<Versioned<UserResponse>>;

public sealed class GetUserHandler(ICrmDbContext db, IMapper mapper) : IQueryHandler<GetUser, Versioned<UserResponse>>
{
    public async ValueTask<Versioned<UserResponse>> Handle(GetUser request, CancellationToken cancellationToken) =>
        await db.Users.AsNoTracking().Where(u => u.Id == request.Id)
            .ProjectTo<Versioned<UserResponse>>(mapper.ConfigurationProvider)
            .FirstOrDefaultAsync(cancellationToken)
        ?? throw new NotFoundException("User", request.Id);
}

/// <summary>PATCH /users/{id}: rename, change roles or department, deactivate or reactivate.</summary>
public sealed record PatchUser(Guid Id, JsonElement Patch, uint? IfMatch) : ICommand<Versioned<UserResponse>>;

public sealed class UpdateUserRequestValidator : AbstractValidator<UpdateUserRequest>
{
    public UpdateUserRequestValidator()
    {
        RuleFor(x => x.Name).NotEmpty().MaximumLength(200);
        RuleFor(x => x.Roles).ValidRoles();
    }
}

public sealed class PatchUserHandler(
    ICrmDbContext db, IMapper mapper, IValidator<UpdateUserRequest> validator, ICurrentUser currentUser, TimeProvider clock)
    : ICommandHandler<PatchUser, Versioned<UserResponse>>
{
    public async ValueTask<Versioned<UserResponse>> Handle(PatchUser request, CancellationToken cancellationToken)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == request.Id, cancellationToken)
            ?? throw new NotFoundException("User", request.Id);
        Concurrency.Check(db, user, request.IfMatch);
        var current = new UpdateUserRequest { Name = user.Name, Roles = user.Roles, DepartmentId = user.DepartmentId, Active = user.Active };
        var input = MergePatch.Apply(current, request.Patch);
        await validator.ValidateAndThrowAsync(input, cancellationToken);
        await UserRules.EnsureDepartmentAsync(db, input.DepartmentId, cancellationToken);

        if (user.Id == currentUser.Id && (!input.Active || !input.Roles!.Contains(Roles.Admin)))
        {
            throw new ConflictException("You cannot deactivate yourself or remove your own Admin role; ask another Admin.");
        }

        user.Rename(input.Name!.Trim());
        user.ChangeRoles(input.Roles!);
        user.MoveToDepartment(input.DepartmentId);
        if (input.Active)
        {
            user.Activate();
        }
        else if (user.Active)
        {
            user.Deactivate();
            var now = clock.GetUtcNow();
            await db.RefreshTokens.Where(t => t.UserId == user.Id && t.RevokedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        return mapper.Map<Versioned<UserResponse>>(user);
    }
}

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

public sealed record CreateDepartment(CreateDepartmentRequest Input) : ICommand<DepartmentResponse>;

public sealed class CreateDepartmentValidator : AbstractValidator<CreateDepartment>
{
    public CreateDepartmentValidator() => RuleFor(x => x.Input.Name).NotEmpty().MaximumLength(100).OverridePropertyName("name");
}

public sealed class CreateDepartmentHandler(ICrmDbContext db, IMapper mapper) : ICommandHandler<CreateDepartment, DepartmentResponse>
{
    public async ValueTask<DepartmentResponse> Handle(CreateDepartment request, CancellationToken cancellationToken)
    {
        var name = request.Input.Name!.Trim();
        var existing = await db.Departments.Where(d => EF.Functions.ILike(d.Name, SearchQuery.EscapeLike(name), "\\")).Select(d => (Guid?)d.Id).FirstOrDefaultAsync(cancellationToken);
        if (existing is { } id)
        {
            throw new ConflictException("A department with this name already exists.", "name", id, $"/api/v1/departments/{id}");
        }

        var department = Department.Create(name);
        db.Departments.Add(department);
        await db.SaveChangesAsync(cancellationToken);
        return mapper.Map<DepartmentResponse>(department);
    }
}

public sealed record GetDepartment(Guid Id) : IQuery<DepartmentResponse>;

public sealed class GetDepartmentHandler(ICrmDbContext db, IMapper mapper) : IQueryHandler<GetDepartment, DepartmentResponse>
{
    public async ValueTask<DepartmentResponse> Handle(GetDepartment request, CancellationToken cancellationToken) =>
        await db.Departments.AsNoTracking().Where(d => d.Id == request.Id)
            .ProjectTo<DepartmentResponse>(mapper.ConfigurationProvider).FirstOrDefaultAsync(cancellationToken)
        ?? throw new NotFoundException("Department", request.Id);
}

/// <summary>Departments are few (tens); one page holds them all, sorted by name.</summary>
public sealed record ListDepartments : IQuery<Page<DepartmentResponse>>;

public sealed class ListDepartmentsHandler(ICrmDbContext db, IMapper mapper) : IQueryHandler<ListDepartments, Page<DepartmentResponse>>
{
    public async ValueTask<Page<DepartmentResponse>> Handle(ListDepartments request, CancellationToken cancellationToken) =>
        new()
        {
            Items = await db.Departments.AsNoTracking().OrderBy(d => d.Name)
                .ProjectTo<DepartmentResponse>(mapper.ConfigurationProvider).ToListAsync(cancellationToken),
        };
}
