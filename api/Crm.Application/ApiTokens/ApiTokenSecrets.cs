using System.Security.Cryptography;
using System.Text;

namespace Crm.Application.ApiTokens;

public static class ApiTokenSecrets
{
    /// <summary>SHA-256 is enough: the secret has 240 bits of entropy, so there is nothing to brute-force.</summary>
    public static string Hash(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
