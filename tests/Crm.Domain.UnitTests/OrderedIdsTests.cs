using System.Buffers.Binary;
using Crm.Domain.Common;

namespace Crm.Domain.UnitTests;

public sealed class OrderedIdsTests
{
    /// <summary>PostgreSQL's order for uuid: the 16 bytes in RFC (big-endian) order, compared one by one.</summary>
    private static UInt128 SortKey(Guid id)
    {
        Span<byte> bytes = stackalloc byte[16];
        id.TryWriteBytes(bytes, bigEndian: true, out _).ShouldBeTrue();
        return BinaryPrimitives.ReadUInt128BigEndian(bytes);
    }

    [Fact]
    public void IdsMadeOneAfterAnotherSortInTheOrderTheyWereMade()
    {
        // Many of these fall in the same millisecond, where Guid.CreateVersion7 alone sorts at random.
        var ids = Enumerable.Range(0, 100_000).Select(_ => OrderedIds.Next()).ToList();

        ids.Zip(ids.Skip(1)).ShouldAllBe(pair => SortKey(pair.First) < SortKey(pair.Second));
        ids.ShouldAllBe(id => id.Version == 7 && (id.Variant & 0b1100) == 0b1000);
    }

    [Fact]
    public void IdsKeepTheMillisecondTheyWereMadeIn()
    {
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var ids = Enumerable.Range(0, 1_000).Select(_ => OrderedIds.Next()).ToList();
        var after = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        ids.Select(id => (long)(SortKey(id) >> 80)).ShouldAllBe(ms => ms >= before && ms <= after);
    }

    [Fact]
    public async Task IdsMadeOnManyThreadsAreDistinctAndInOrderPerThread()
    {
        var perThread = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(
            () => Enumerable.Range(0, 20_000).Select(_ => OrderedIds.Next()).ToList(), TestContext.Current.CancellationToken)));

        perThread.SelectMany(ids => ids).Distinct().Count().ShouldBe(8 * 20_000);
        perThread.ShouldAllBe(ids => ids.Zip(ids.Skip(1)).All(pair => SortKey(pair.First) < SortKey(pair.Second)));
    }

    [Fact]
    public void TheCounterCarriesFromTheRandomBitsIntoTheMillisecond()
    {
        var ms = (UInt128)0x0193_A0C4_7B1E << 80;
        var version = (UInt128)7 << 76;
        var variant = (UInt128)0b10 << 62;
        var randBFull = ((UInt128)1 << 62) - 1;
        var randAFull = (UInt128)0xFFF << 64;

        OrderedIds.Increment(ms | version | variant | 5).ShouldBe(ms | version | variant | 6);
        OrderedIds.Increment(ms | version | ((UInt128)7 << 64) | variant | randBFull).ShouldBe(ms | version | ((UInt128)8 << 64) | variant);
        OrderedIds.Increment(ms | version | randAFull | variant | randBFull).ShouldBe((ms + ((UInt128)1 << 80)) | version | variant);
    }
}
