using Crm.Application.Common;
using Crm.Domain.Users;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Crm.Application.Users;

internal static class UserRules
{
    public const int MinPasswordLength = 12;

    // Stop after NotEmpty: FluentValidation runs every check of a rule by default, and the next one reads the list.
    public static IRuleBuilderOptions<T, IReadOnlyList<string>?> ValidRoles<T>(this IRuleBuilderInitial<T, IReadOnlyList<string>?> rule) =>
        rule.Cascade(CascadeMode.Stop).NotEmpty().WithText("validation.rolesRequired")
            .Must(r => r!.All(Roles.IsKnown)).WithText("validation.roles", ("roles", string.Join(", ", Roles.All)));

    public static async Task EnsureDepartmentAsync(ICrmDbContext db, Guid? departmentId, CancellationToken ct)
    {
        if (departmentId is { } id && !await db.Departments.AnyAsync(d => d.Id == id, ct))
        {
            throw new BadRequestException("departmentId", Texts.Get("validation.noSuchDepartment"));
        }
    }
}
