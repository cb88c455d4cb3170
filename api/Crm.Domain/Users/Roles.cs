namespace Crm.Domain.Users;

/// <summary>The roles of DESIGN.md section 5; role names are part of the public contract.</summary>
public static class Roles
{
    public const string Admin = "Admin";
    public const string Manager = "Manager";
    public const string Sales = "Sales";
    public const string Support = "Support";
    public const string Marketing = "Marketing";

    /// <summary>An internal requester: sees only their own tickets.</summary>
    public const string Employee = "Employee";

    public const string ReadOnly = "ReadOnly";

    public static readonly IReadOnlyList<string> All = [Admin, Manager, Sales, Support, Marketing, Employee, ReadOnly];

    /// <summary>Roles that may change customers and contacts.</summary>
    public static readonly IReadOnlyList<string> CustomerWriters = [Admin, Manager, Sales, Support, Marketing];

    /// <summary>Roles that may read customers and contacts (Employee is an internal requester and may not).</summary>
    public static readonly IReadOnlyList<string> CustomerReaders = [Admin, Manager, Sales, Support, Marketing, ReadOnly];

    public static bool IsKnown(string role) => All.Contains(role, StringComparer.Ordinal);
}
