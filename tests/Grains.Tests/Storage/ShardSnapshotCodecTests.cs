using Grid.Grains.Galleries;
using Grid.Grains.Storage;
using Grid.Grains.Tests.Support;
using Grid.Indexing;
using Xunit;

namespace Grid.Grains.Tests.Storage;

public sealed class ShardSnapshotCodecTests
{
    [Theory]
    [InlineData("exact")]
    [InlineData("faiss:IDMap2,Flat")]
    public void A_snapshot_round_trips_map_next_id_and_index(string engine)
    {
        var vectors = Vectors.Unit(40, seed: 3000);
        var ids = Enumerable.Range(0, 40).Select(i => 10L + i * 3).ToArray();
        using var index = VectorIndexFactory.Create(engine, Vectors.Dimension);
        index.Add(vectors, ids);
        var map = new SubjectMap();
        for (var i = 0; i < ids.Length; i++) map.Add($"S-{i % 25}", new TemplateEntry(ids[i], (ulong)i * 7919));

        var stream = new MemoryStream();
        ShardSnapshotCodec.Write(stream, map, nextId: 200, index);
        stream.Position = 0;
        var (copyMap, nextId, copyIndex) = ShardSnapshotCodec.Read(stream);
        using var _ = copyIndex;

        Assert.Equal(200, nextId);
        Assert.Equal(map.Subjects, copyMap.Subjects);
        Assert.Equal(map.Templates, copyMap.Templates);
        foreach (var (subject, entries) in map.Entries)
        {
            Assert.Equal(entries.Select(e => e.Id), copyMap.IdsOf(subject));
            Assert.All(entries, e => Assert.True(copyMap.Contains(subject, e.VectorHash)));
        }
        Assert.Equal(engine, copyIndex.Spec);
        Assert.Equal(index.Count, copyIndex.Count);
        var probe = Vectors.Unit(1, seed: 3001);
        var a = index.Search(probe, 10)[0];
        var b = copyIndex.Search(probe, 10)[0];
        Assert.Equal(a.Ids.ToArray(), b.Ids.ToArray());
        Assert.Equal(a.Scores.ToArray(), b.Scores.ToArray());
    }

    [Fact]
    public void Something_that_is_not_a_snapshot_is_refused()
    {
        Assert.Throws<InvalidDataException>(() => ShardSnapshotCodec.Read(new MemoryStream("GRIDSNAX\x01\0\0\0"u8.ToArray())));
        Assert.ThrowsAny<Exception>(() => ShardSnapshotCodec.Read(new MemoryStream([])));
    }
}
