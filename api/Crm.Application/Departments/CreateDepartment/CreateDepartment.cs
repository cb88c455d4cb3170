using AutoMapper;
using Crm.Application.Common;
using Crm.Contracts.Users;
using Crm.Domain.Users;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Crm.Application.Departments.CreateDepartment;

public sealed record CreateDepartment(CreateDepartmentRequest Input) : ICommand<Versioned<DepartmentResponse>>;

public sealed class CreateDepartmentValidator : AbstractValidator<CreateDepartment>
{
    public CreateDepartmentValidator() => RuleFor(x => x.Input.Name).NotEmpty().Visible().MaximumLength(100).OverridePropertyName("name");
}

public sealed class CreateDepartmentHandler(ICrmDbContext db, IMapper mapper) : ICommandHandler<CreateDepartment, Versioned<DepartmentResponse>>
{
    public async ValueTask<Versioned<DepartmentResponse>> Handle(CreateDepartment request, CancellationToken cancellationToken)
    {
        var key = Department.KeyOf(request.Input.Name!);
        var existing = await db.Departments.Where(d => d.NameKey == key).Select(d => (Guid?)d.Id).FirstOrDefaultAsync(cancellationToken);
        if (existing is { } id)
        {
            throw new ConflictException(Texts.Get("conflict.departmentName"), "name", id, $"/api/v1/departments/{id}");
        }

        var department = Department.Create(request.Input.Name!);
        db.Departments.Add(department);
        await db.SaveChangesAsync(cancellationToken);
        return mapper.Map<Versioned<DepartmentResponse>>(department);
    }
}
