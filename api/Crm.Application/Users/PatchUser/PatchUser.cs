using System.Text.Json;
using AutoMapper;
using Crm.Application.Common;
using Crm.Contracts.Users;
using Crm.Domain.Users;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Crm.Application.Users.PatchUser;

/// <summary>PATCH /users/{id}: rename, change roles or department, deactivate or reactivate.</summary>
public sealed record PatchUser(Guid Id, JsonElement Patch, IReadOnlyCollection<uint>? IfMatch) : ICommand<Versioned<UserResponse>>;

public sealed class UpdateUserRequestValidator : AbstractValidator<UpdateUserRequest>
{
    public UpdateUserRequestValidator()
    {
        RuleFor(x => x.Name).NotEmpty().Visible().MaximumLength(200);
        RuleFor(x => x.Roles).ValidRoles();
    }
}

public sealed class PatchUserHandler(
    ICrmDbContext db, IMapper mapper, IValidator<UpdateUserRequest> validator, ICurrentUser currentUser, TimeProvider clock, IUserAccess access)
    : ICommandHandler<PatchUser, Versioned<UserResponse>>
{
    public async ValueTask<Versioned<UserResponse>> Handle(PatchUser request, CancellationToken cancellationToken)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == request.Id, cancellationToken)
            ?? throw new NotFoundException("notFound.user", request.Id);
        Concurrency.Check(db, user, request.IfMatch);
        var current = new UpdateUserRequest { Name = user.Name, Roles = user.Roles, DepartmentId = user.DepartmentId, Active = user.Active };
        var input = MergePatch.Apply(current, request.Patch);
        await validator.ValidateAndThrowAsync(input, cancellationToken);
        await UserRules.EnsureDepartmentAsync(db, input.DepartmentId, cancellationToken);

        if (user.Id == currentUser.Id && (!input.Active || !input.Roles!.Contains(Roles.Admin)))
        {
            throw new ConflictException(Texts.Get("conflict.selfDemotion"));
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
        access.Forget(user.Id); // its access tokens hold the old roles and active flag
        return mapper.Map<Versioned<UserResponse>>(user);
    }
}
