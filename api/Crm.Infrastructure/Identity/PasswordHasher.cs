using Microsoft.AspNetCore.Identity;
using AppHasher = Crm.Application.Common.IPasswordHasher;

namespace Crm.Infrastructure.Identity;

/// <summary>ASP.NET Core's PBKDF2 hasher (HMAC-SHA512, 100k iterations in v3 format).</summary>
public sealed class PasswordHasher : AppHasher
{
    private static readonly PasswordHasher<object> Inner = new();
    private static readonly object Subject = new();

    public string Hash(string password) => Inner.HashPassword(Subject, password);

    public bool Verify(string hash, string password, out string? rehashed)
    {
        rehashed = null;
        PasswordVerificationResult result;
        try
        {
            result = Inner.VerifyHashedPassword(Subject, hash, password);
        }
        catch (FormatException)
        {
            return false;
        }

        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            rehashed = Hash(password);
        }

        return result != PasswordVerificationResult.Failed;
    }
}
