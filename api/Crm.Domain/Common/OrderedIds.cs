namespace Crm.Domain.Common;

/// <summary>
/// UUIDv7 ids that sort (as PostgreSQL sorts <c>uuid</c>, byte by byte) in the order this process made them.
/// </summary>
/// <remarks>
/// <see cref="Guid.CreateVersion7()"/> keeps only the millisecond and fills the rest with random bits, so two ids made
/// in the same millisecond sort at random: custom field definitions made one after the other came back in either
/// order (their columns follow id order). Here an id that would not sort after the previous one is the previous one
/// plus one instead, in its random bits (RFC 9562, 6.2, method 2: the random part as a counter), so it keeps the
/// previous id's millisecond. Ids made by other processes interleave only by their milliseconds, as before.
/// </remarks>
public static class OrderedIds
{
    private const int RandBBits = 62;
    private static readonly UInt128 RandBMask = (UInt128.One << RandBBits) - 1;
    private static readonly UInt128 RandAMask = (UInt128)0xFFF << 64;
    private static readonly Lock Gate = new();
    private static UInt128 last;

    /// <summary>A new UUIDv7 that sorts after every id this method returned before in this process.</summary>
    public static Guid Next()
    {
        Span<byte> bytes = stackalloc byte[16];
        Guid.CreateVersion7().TryWriteBytes(bytes, bigEndian: true, out _);
        var value = System.Buffers.Binary.BinaryPrimitives.ReadUInt128BigEndian(bytes);
        lock (Gate)
        {
            if (value <= last)
            {
                value = Increment(last);
            }

            last = value;
        }

        System.Buffers.Binary.BinaryPrimitives.WriteUInt128BigEndian(bytes, value);
        return new Guid(bytes, bigEndian: true);
    }

    /// <summary>The next id after <paramref name="id"/>: version and variant bits stay; the counter carries into the millisecond.</summary>
    internal static UInt128 Increment(UInt128 id)
    {
        if ((id & RandBMask) != RandBMask)
        {
            return id + 1; // rand_b, the low 62 bits
        }

        id &= ~RandBMask;
        if ((id & RandAMask) != RandAMask)
        {
            return id + (UInt128.One << 64); // rand_a, the 12 bits under the version
        }

        return (id & ~RandAMask) + (UInt128.One << 80); // both full: the next millisecond
    }
}
