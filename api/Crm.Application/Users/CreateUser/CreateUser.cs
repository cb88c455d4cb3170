using AutoMapper;
using Crm.Application.Common;
using Crm.Contracts.Users;
using Crm.Domain.Users;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Crm.Application.Users.CreateUser;

public sealed record CreateUser(CreateUserRequest Input) : ICommand<Versioned<UserResponse>>;

public sealed class CreateUserValidator : AbstractValidator<CreateUser>
{
    public CreateUserValidator()
    {
        RuleFor(x => x.Input.Email).Cascade(CascadeMode.Stop).NotEmpty().MaximumLength(254)
            .Must(ContactPoints.IsValidAccountEmail).WithText("validation.email")
            .OverridePropertyName("email");
        RuleFor(x => x.Input.Name).NotEmpty().Visible().MaximumLength(200).OverridePropertyName("name");
        RuleFor(x => x.Input.Password).NotEmpty().MinimumLength(UserRules.MinPasswordLength).MaximumLength(200).OverridePropertyName("password");
        RuleFor(x => x.Input.Roles).ValidRoles().OverridePropertyName("roles");
    }
}

public sealed class CreateUserHandler(ICrmDbContext db, IPasswordHasher hasher, IMapper mapper) : ICommandHandler<CreateUser, Versioned<UserResponse>>
{
    public async ValueTask<Versioned<UserResponse>> Handle(CreateUser request, CancellationToken cancellationToken)
    {
        var input = request.Input;
        var email = ContactPoints.NormalizeAccountEmail(input.Email)!;
        var existing = await db.Users.Where(u => u.Email == email).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(cancellationToken);
        if (existing is { } id)
        {
            throw new ConflictException(Texts.Get("conflict.userEmail"), "email", id, $"/api/v1/users/{id}");
        }

        await UserRules.EnsureDepartmentAsync(db, input.DepartmentId, cancellationToken);
        var user = User.Create(email, input.Name!.Trim(), input.Roles!, input.DepartmentId);
        user.SetPasswordHash(hasher.Hash(input.Password!));
        db.Users.Add(user);
        await db.SaveChangesAsync(cancellationToken);
        return mapper.Map<Versioned<UserResponse>>(user);
    }
}
