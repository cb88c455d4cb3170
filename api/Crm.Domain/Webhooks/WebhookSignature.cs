using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Crm.Domain.Webhooks;

/// <summary>
/// <c>Crm-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256 of "&lt;t&gt;.&lt;body&gt;" keyed with the secret&gt;</c>.
/// The timestamp is signed too, so a receiver can refuse old (replayed) requests.
/// </summary>
public static class WebhookSignature
{
    public const string Header = "Crm-Signature";

    public static string Compute(string secret, long timestamp, string body)
    {
        var t = timestamp.ToString(CultureInfo.InvariantCulture);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(t + "." + body));
        return "t=" + t + ",v1=" + Convert.ToHexStringLower(mac);
    }

    /// <summary>What a receiver does: recompute, compare in constant time, and bound the age.</summary>
    public static bool Verify(string secret, string header, string body, DateTimeOffset now, TimeSpan tolerance)
    {
        long? t = null;
        var candidates = new List<string>();
        foreach (var part in header.Split(','))
        {
            var kv = part.Trim().Split('=', 2);
            if (kv.Length != 2)
            {
                continue;
            }

            if (kv[0] == "t" && long.TryParse(kv[1], NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                t = parsed;
            }
            else if (kv[0] == "v1")
            {
                candidates.Add(kv[1]);
            }
        }

        if (t is not { } timestamp || Math.Abs(now.ToUnixTimeSeconds() - timestamp) > tolerance.TotalSeconds)
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Compute(secret, timestamp, body).Split(",v1=")[1]);
        return candidates.Any(c => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(c), expected));
    }
}
