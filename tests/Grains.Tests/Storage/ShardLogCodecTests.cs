using Grid.Grains.Storage;
using Grid.Grains.Tests.Support;
using Xunit;

namespace Grid.Grains.Tests.Storage;

public sealed class ShardLogCodecTests
{
    private const int Dimension = Vectors.Dimension;

    private static ShardLogRecord.Enrolled Enrolled(long firstId, int rows, int seed) => new(
        Enumerable.Range(0, rows).Select(i => firstId + i).ToArray(),
        Enumerable.Range(0, rows).Select(i => (ulong)(seed * 1000 + i) * 0x9E3779B97F4A7C15UL).ToArray(),
        Enumerable.Range(0, rows).Select(i => $"subject-{seed}-{i}-ü").ToArray(),
        Vectors.Unit(rows, seed));

    private static readonly ShardLogRecord[] Records =
    [
        Enrolled(0, 3, seed: 1), new ShardLogRecord.Removed("subject-1-1-ü"), Enrolled(3, 1, seed: 2), new ShardLogRecord.Removed("x"),
        new ShardLogRecord.EngineChanged("exact-int8?rerank=codes"),
    ];

    private static byte[] Log(IEnumerable<ShardLogRecord> records) => records.SelectMany(r => ShardLogCodec.Encode(r, Dimension)).ToArray();

    private static (ShardLogRecord[] Records, LogReplay Replay) Decode(byte[] log)
    {
        var replay = new LogReplay();
        var records = ShardLogCodec.Decode(new MemoryStream(log), Dimension, replay).ToArray();
        return (records, replay);
    }

    [Fact]
    public void Records_round_trip()
    {
        var log = Log(Records);
        var (decoded, replay) = Decode(log);
        Assert.Equal(Records.Length, decoded.Length);
        for (var i = 0; i < Records.Length; i++) AssertSame(Records[i], decoded[i]);
        Assert.Equal(log.Length, replay.ValidBytes);
        Assert.Equal(Records.Length, replay.Records);
        Assert.False(replay.TornTail);
    }

    [Fact]
    public void A_log_cut_anywhere_gives_back_the_whole_frames_before_the_cut()
    {
        var frames = Records.Select(r => ShardLogCodec.Encode(r, Dimension)).ToArray();
        var log = frames.SelectMany(f => f).ToArray();
        var ends = frames.Select(f => f.Length).Aggregate(new List<int> { 0 }, (acc, n) => { acc.Add(acc[^1] + n); return acc; });
        for (var cut = 0; cut < log.Length; cut += cut < 64 ? 1 : 97) // every byte of the headers, then a stride
        {
            var (decoded, replay) = Decode(log[..cut]);
            var whole = ends.Count(e => e <= cut) - 1;
            Assert.Equal(whole, decoded.Length);
            Assert.Equal(ends[whole], replay.ValidBytes);
            Assert.Equal(cut != ends[whole], replay.TornTail);
        }
    }

    [Fact]
    public void A_damaged_frame_ends_the_replay_there()
    {
        var first = ShardLogCodec.Encode(Records[0], Dimension);
        var second = ShardLogCodec.Encode(Records[1], Dimension);
        var third = ShardLogCodec.Encode(Records[2], Dimension);
        var damaged = (byte[])second.Clone();
        damaged[6] ^= 0x40; // a payload byte: the CRC no longer matches
        var (decoded, replay) = Decode([.. first, .. damaged, .. third]);
        Assert.Single(decoded);
        Assert.True(replay.TornTail);
        Assert.Equal(first.Length, replay.ValidBytes);

        var badCrc = (byte[])second.Clone();
        badCrc[^1] ^= 0x01;
        Assert.Single(Decode([.. first, .. badCrc]).Records);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(int.MaxValue)]
    public void A_nonsense_length_is_a_torn_tail(int length)
    {
        var first = ShardLogCodec.Encode(Records[0], Dimension);
        var (decoded, replay) = Decode([.. first, .. BitConverter.GetBytes(length), 1, 2, 3, 4, 5, 6, 7, 8]);
        Assert.Single(decoded);
        Assert.True(replay.TornTail);
    }

    [Fact]
    public void Garbage_claiming_a_huge_frame_is_rejected_without_allocating_it()
    {
        // A torn tail whose first four bytes read as ~400 MB must not make replay allocate 400 MB.
        var log = BitConverter.GetBytes(400 * 1024 * 1024).Concat(new byte[64]).ToArray();
        var before = GC.GetAllocatedBytesForCurrentThread();
        var (decoded, replay) = Decode(log);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Empty(decoded);
        Assert.True(replay.TornTail);
        Assert.True(allocated < 16 * 1024 * 1024, $"replay allocated {allocated:N0} bytes for a 68-byte log");
    }

    private static void AssertSame(ShardLogRecord expected, ShardLogRecord actual)
    {
        switch (expected)
        {
            case ShardLogRecord.Enrolled e:
                var a = Assert.IsType<ShardLogRecord.Enrolled>(actual);
                Assert.Equal(e.Ids, a.Ids);
                Assert.Equal(e.Hashes, a.Hashes);
                Assert.Equal(e.SubjectRefs, a.SubjectRefs);
                Assert.Equal(e.Vectors, a.Vectors);
                break;
            case ShardLogRecord.Removed r:
                Assert.Equal(r, Assert.IsType<ShardLogRecord.Removed>(actual));
                break;
            case ShardLogRecord.EngineChanged c:
                Assert.Equal(c, Assert.IsType<ShardLogRecord.EngineChanged>(actual));
                break;
        }
    }
}
