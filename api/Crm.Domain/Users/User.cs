using Crm.Domain.Common;

namespace Crm.Domain.Users;

/// <summary>A person who signs in.</summary>
public sealed class User : Entity, IAuditable
{
    /// <summary>Consecutive failures before the account is throttled.</summary>
    public const int FreeFailedSignIns = 5;

    private User()
    {
    }

    public string Email { get; private set; } = string.Empty;

    public string Name { get; private set; } = string.Empty;

    [NotAudited]
    public string PasswordHash { get; private set; } = string.Empty;

    public List<string> Roles { get; private set; } = [];

    public Guid? DepartmentId { get; private set; }

    public bool Active { get; private set; } = true;

    [NotAudited]
    public int FailedSignInCount { get; private set; }

    [NotAudited]
    public DateTimeOffset? SignInBlockedUntil { get; private set; }

    [NotAudited]
    public DateTimeOffset? LastSignInAt { get; private set; }

    public static User Create(string email, string name, IEnumerable<string> roles, Guid? departmentId)
    {
        var user = new User { Email = email, Name = UnicodeText.Nfc(name), DepartmentId = departmentId };
        user.ChangeRoles(roles);
        return user;
    }

    public void SetPasswordHash(string hash) => PasswordHash = hash;

    /// <summary>Only for writing the same address in its unified form (the caller normalises).</summary>
    public void ChangeEmail(string email) => Email = email;

    public void Rename(string name) => Name = UnicodeText.Nfc(name);

    public void MoveToDepartment(Guid? departmentId) => DepartmentId = departmentId;

    public void ChangeRoles(IEnumerable<string> roles)
    {
        var list = roles.Distinct(StringComparer.Ordinal).ToList();
        if (list.Count == 0)
        {
            throw new DomainException("domain.userRole", "A user needs at least one role.");
        }

        var unknown = list.FirstOrDefault(r => !Users.Roles.IsKnown(r));
        if (unknown is not null)
        {
            throw new DomainException("domain.unknownRole", $"Unknown role '{unknown}'.", ("role", unknown));
        }

        if (!list.SequenceEqual(Roles))
        {
            Roles = list;
        }
    }

    public void Deactivate() => Active = false;

    public void Activate() => Active = true;

    public bool IsSignInBlocked(DateTimeOffset now) => SignInBlockedUntil is { } until && until > now;

    /// <summary>
    /// Records a failed password; after <see cref="FreeFailedSignIns"/> in a row every further
    /// failure blocks sign-in for twice as long as the last (2 s, 4 s, … capped at 15 minutes).
    /// </summary>
    public void RecordFailedSignIn(DateTimeOffset now)
    {
        FailedSignInCount++;
        var excess = FailedSignInCount - FreeFailedSignIns;
        if (excess >= 0)
        {
            var seconds = Math.Min(Math.Pow(2, Math.Min(excess + 1, 20)), 15 * 60);
            SignInBlockedUntil = now.AddSeconds(seconds);
        }
    }

    public void RecordSignIn(DateTimeOffset now)
    {
        FailedSignInCount = 0;
        SignInBlockedUntil = null;
        LastSignInAt = now;
    }
}

/// <summary>A department: serves internal customers (HR, Finance…) and groups staff.</summary>
public sealed class Department : Entity, IAuditable
{
    public static readonly IReadOnlyList<string> Seeded =
        ["HR", "Finance", "Facilities", "IT", "Supply chain", "Sales", "Support", "Marketing"];

    private Department()
    {
    }

    public string Name { get; private set; } = string.Empty;

    /// <summary>
    /// The name as <see cref="SearchText.Fold"/> reads it (no case, accents or extra spaces): unique, so "Finanças" and
    /// " financas " are one department.
    /// </summary>
    [NotAudited]
    public string NameKey { get; private set; } = string.Empty;

    /// <summary>A department named <paramref name="name"/>, trimmed and in NFC (a name sent decomposed is the same name).</summary>
    public static Department Create(string name) => new() { Name = UnicodeText.Nfc(name.Trim()), NameKey = KeyOf(name) };

    /// <summary>Creates a seeded department with a fixed id so every installation agrees.</summary>
    public static Department CreateSeeded(Guid id, string name) => new() { Id = id, Name = name, NameKey = KeyOf(name) };

    public static string KeyOf(string name) => SearchText.Fold(name);
}

/// <summary>A rotating refresh token; only its SHA-256 hash is stored.</summary>
public sealed class RefreshToken : Entity
{
    private RefreshToken()
    {
    }

    public Guid UserId { get; private set; }

    public string TokenHash { get; private set; } = string.Empty;

    /// <summary>All tokens rotated from one sign-in share a family; reuse of a rotated token revokes the family.</summary>
    public Guid FamilyId { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public Guid? ReplacedById { get; private set; }

    public static RefreshToken Issue(Guid userId, string tokenHash, Guid familyId, DateTimeOffset expiresAt) =>
        new() { UserId = userId, TokenHash = tokenHash, FamilyId = familyId, ExpiresAt = expiresAt };

    public bool IsActive(DateTimeOffset now) => RevokedAt is null && ExpiresAt > now;

    public void Revoke(DateTimeOffset now, Guid? replacedBy = null)
    {
        RevokedAt ??= now;
        ReplacedById ??= replacedBy;
    }
}
