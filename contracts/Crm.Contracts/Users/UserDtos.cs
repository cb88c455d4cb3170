namespace Crm.Contracts.Users;

/// <summary>The signed-in user.</summary>
public sealed record MeResponse
{
    /// <summary>User id.</summary>
    public Guid Id { get; init; }

    /// <summary>Email.</summary>
    public string Email { get; init; } = string.Empty;

    /// <summary>Display name.</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>Roles: Admin, Manager, Sales, Support, Marketing, Employee, ReadOnly.</summary>
    public IReadOnlyList<string> Roles { get; init; } = [];

    /// <summary>Department, if any.</summary>
    public Guid? DepartmentId { get; init; }
}

/// <summary>Creates a user (Admin only).</summary>
public sealed record CreateUserRequest
{
    /// <summary>Email; unique.</summary>
    /// <example>ana.silva@example.pt</example>
    public string? Email { get; init; }

    /// <summary>Display name.</summary>
    /// <example>Ana Silva</example>
    public string? Name { get; init; }

    /// <summary>Initial password, at least 12 characters.</summary>
    public string? Password { get; init; }

    /// <summary>Roles: Admin, Manager, Sales, Support, Marketing, Employee, ReadOnly.</summary>
    /// <example>["Sales"]</example>
    public IReadOnlyList<string>? Roles { get; init; }

    /// <summary>Department, if any.</summary>
    public Guid? DepartmentId { get; init; }
}

/// <summary>Changes a user (Admin only); send as application/merge-patch+json with only the fields to change.</summary>
public sealed record UpdateUserRequest
{
    /// <summary>Display name.</summary>
    public string? Name { get; init; }

    /// <summary>Roles (replaces the current set).</summary>
    public IReadOnlyList<string>? Roles { get; init; }

    /// <summary>Department, or null for none.</summary>
    public Guid? DepartmentId { get; init; }

    /// <summary>False deactivates the user: sign-in stops and refresh tokens are revoked.</summary>
    public bool Active { get; init; } = true;
}

/// <summary>A user.</summary>
public sealed record UserResponse
{
    /// <summary>User id.</summary>
    public Guid Id { get; init; }

    /// <summary>Email.</summary>
    public string Email { get; init; } = string.Empty;

    /// <summary>Display name.</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>Roles.</summary>
    public IReadOnlyList<string> Roles { get; init; } = [];

    /// <summary>Department, if any.</summary>
    public Guid? DepartmentId { get; init; }

    /// <summary>False when deactivated.</summary>
    public bool Active { get; init; }

    /// <summary>Last successful sign-in.</summary>
    public DateTimeOffset? LastSignInAt { get; init; }

    /// <summary>Creation time (UTC).</summary>
    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>Creates a department (Admin only).</summary>
public sealed record CreateDepartmentRequest
{
    /// <summary>Name, unique, 1–100 characters.</summary>
    /// <example>Legal</example>
    public string? Name { get; init; }
}

/// <summary>A department.</summary>
public sealed record DepartmentResponse
{
    /// <summary>Department id.</summary>
    public Guid Id { get; init; }

    /// <summary>Name.</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>Creation time (UTC).</summary>
    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>
/// A user as the user directory shows them to everyone who reads customers: who can own a customer, and only that
/// (no email, roles or sign-in details).
/// </summary>
public sealed record UserDirectoryEntry
{
    /// <summary>User id: the value of a customer's ownerId.</summary>
    public Guid Id { get; init; }

    /// <summary>Display name.</summary>
    /// <example>Ana Silva</example>
    public string Name { get; init; } = string.Empty;

    /// <summary>False when deactivated: such a user still owns their customers but should not be given new ones.</summary>
    public bool Active { get; init; }
}
