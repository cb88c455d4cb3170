using System.Net;
using System.Net.Sockets;

namespace Crm.Domain.Webhooks;

/// <summary>
/// Where webhooks may not go: addresses inside the organisation's network or this machine (SSRF). Checked
/// when a subscription is saved and again on the address actually connected, so DNS rebinding cannot bypass it.
/// </summary>
public static class WebhookTargets
{
    // (network, prefix length): loopback, private, link-local, CGNAT, multicast, reserved, documentation, benchmarking.
    private static readonly (IPAddress Network, int Prefix)[] ForbiddenV4 =
    [
        (IPAddress.Parse("0.0.0.0"), 8),
        (IPAddress.Parse("10.0.0.0"), 8),
        (IPAddress.Parse("100.64.0.0"), 10),
        (IPAddress.Parse("127.0.0.0"), 8),
        (IPAddress.Parse("169.254.0.0"), 16),
        (IPAddress.Parse("172.16.0.0"), 12),
        (IPAddress.Parse("192.0.0.0"), 24),
        (IPAddress.Parse("192.0.2.0"), 24),
        (IPAddress.Parse("192.168.0.0"), 16),
        (IPAddress.Parse("198.18.0.0"), 15),
        (IPAddress.Parse("198.51.100.0"), 24),
        (IPAddress.Parse("203.0.113.0"), 24),
        (IPAddress.Parse("224.0.0.0"), 4),
        (IPAddress.Parse("240.0.0.0"), 4),
    ];

    private static readonly (IPAddress Network, int Prefix)[] ForbiddenV6 =
    [
        (IPAddress.Parse("::"), 128),
        (IPAddress.Parse("::1"), 128),
        (IPAddress.Parse("100::"), 64),
        (IPAddress.Parse("2001:db8::"), 32),
        (IPAddress.Parse("fc00::"), 7),
        (IPAddress.Parse("fe80::"), 10),
        (IPAddress.Parse("fec0::"), 10),
        (IPAddress.Parse("ff00::"), 8),
    ];

    /// <summary>True for an address webhooks must not reach (unless private targets are allowed).</summary>
    public static bool IsForbidden(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return IsForbidden(address.MapToIPv4());
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return ForbiddenV4.Any(n => InNetwork(address, n.Network, n.Prefix));
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return true;
        }

        var bytes = address.GetAddressBytes();
        // Addresses that embed an IPv4 address are judged by it: IPv4-compatible (::a.b.c.d), NAT64 (64:ff9b::/96), 6to4 (2002::/16).
        if (bytes.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0)
        {
            return IsForbidden(new IPAddress(bytes.AsSpan(12, 4)));
        }

        if (InNetwork(address, IPAddress.Parse("64:ff9b::"), 96))
        {
            return IsForbidden(new IPAddress(bytes.AsSpan(12, 4)));
        }

        if (InNetwork(address, IPAddress.Parse("2002::"), 16))
        {
            return IsForbidden(new IPAddress(bytes.AsSpan(2, 4)));
        }

        return ForbiddenV6.Any(n => InNetwork(address, n.Network, n.Prefix));
    }

    /// <summary>Host names that always mean this machine, whatever DNS says (with or without the root's trailing dot).</summary>
    public static bool IsLocalHostName(string host)
    {
        var name = WithoutRootDot(host);
        return name.Equals("localhost", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// A host as written in a URL, without IPv6 brackets and without the trailing dot of a fully qualified name:
    /// "127.0.0.1." is a name to Uri, which resolvers may not know, but the address to anyone who connects.
    /// </summary>
    public static string WithoutRootDot(string host)
    {
        var name = host.Trim('[', ']');
        return name.Length > 1 && name[^1] == '.' ? name[..^1] : name;
    }

    private static bool InNetwork(IPAddress address, IPAddress network, int prefix)
    {
        if (address.AddressFamily != network.AddressFamily)
        {
            return false;
        }

        var a = address.GetAddressBytes();
        var n = network.GetAddressBytes();
        var full = prefix / 8;
        if (!a.AsSpan(0, full).SequenceEqual(n.AsSpan(0, full)))
        {
            return false;
        }

        var rest = prefix % 8;
        if (rest == 0)
        {
            return true;
        }

        var mask = (byte)(0xFF << (8 - rest));
        return (a[full] & mask) == (n[full] & mask);
    }
}
