using System.Reflection;
using Grid.Contracts.Galleries;
using Grid.Contracts.Identity;
using Grid.Contracts.Search;
using Grid.Contracts.Sharing;
using Grid.Grains.Tests.Support;
using Xunit;

namespace Grid.Grains.Tests.Galleries;

/// <summary>Every wire type of Contracts/Galleries and Contracts/Search survives the Orleans serializer.</summary>
public sealed class GalleryContractTests
{
    private static readonly GalleryId Gallery = new("DE-BKA", "suspects");
    private static readonly GalleryInfo Info = new(Gallery, new GalleryConfig("faiss:IDMap2,Flat", 8, "fr_feature", SubjectCategory.Missing),
        new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(1)));
    private static readonly ShardStatus Shard = new("DE-BKA/suspects/3", 10, 7, 123456, "S127.0.0.1:11111:1", "note", "exact",
        new ShardReindexStatus("exact-int8", 5, 10, false, "failed"));
    private static readonly Coverage Coverage = new([new("DE-BKA/suspects/0", ShardOutcome.Answered, null), new("DE-BKA/suspects/1", ShardOutcome.TimedOut, "late")]);

    /// <summary>One sample per type; the test below fails when a new wire type has no sample here.</summary>
    private static readonly object[] Samples =
    [
        new EnrolBatch(["S-1", "S-2"], Vectors.Unit(2, seed: 5000), "fr_feature"),
        new EnrolResult(3, 4),
        Info.Config,
        Gallery,
        Info,
        new GalleryStatus(Info, [Shard, Shard with { Key = "DE-BKA/suspects/4", Note = null, Engine = "exact-int8" }],
            new GalleryReindex("exact", "exact-int8", "DE-BKA/admin", new DateTimeOffset(2026, 11, 30, 4, 5, 6, TimeSpan.Zero))),
        new GalleryReindex("exact", "exact-int8?rerank=codes", "operator", new DateTimeOffset(2026, 11, 30, 4, 5, 7, TimeSpan.Zero)),
        new ShardReindexStatus("exact-int8", 4096, 10_000, true, null),
        new ReindexResult(Gallery, "exact", "exact-int8", 3, "3 shard(s) building exact-int8"),
        new ShardConfig(Gallery, 5, "exact", "fr_feature"),
        new SubjectErasure(Gallery, "S-9", new DateTimeOffset(2026, 11, 30, 1, 2, 3, TimeSpan.Zero)),
        Shard,
        new Candidate(ForceId.Parse("DE-BKA"), "suspects", "S-1", 0.73f, 1, 1.2e-4),
        Coverage,
        new SearchRequest([Gallery, new GalleryId("FR-PN", "x")], Vectors.Unit(1, seed: 5001), "fr_feature", 50, 0.25f, TimeSpan.FromSeconds(3),
            GalleryClusterFixture.Purpose, [ForceId.Parse("FR-PN")]),
        new SearchResponse([new Candidate(ForceId.Parse("FR-PN"), "x", "S-9", -0.5f, 2)], Coverage, [new SearchRefusal(Gallery, RefusalReason.NotActive, "no agreement")]),
        new SearchRefusal(Gallery, RefusalReason.QuotaExhausted, "quota exhausted"),
        new ShardHit("S-1", 0.5f),
        new ShardReport("DE-BKA/suspects/2", ShardOutcome.Failed, "boom"),
        new ShardSearch(Vectors.Unit(1, seed: 5002), "fr_feature", 7, -1f, GalleryClusterFixture.Purpose, null),
    ];

    [Fact]
    public void Every_wire_type_round_trips()
    {
        foreach (var sample in Samples)
            typeof(GalleryContractTests).GetMethod(nameof(AssertRoundTrip), BindingFlags.NonPublic | BindingFlags.Static)!
                .MakeGenericMethod(sample.GetType()).Invoke(null, [sample]);
    }

    [Fact]
    public void Every_wire_type_has_a_sample()
    {
        var wire = typeof(GalleryId).Assembly.GetTypes()
            .Where(t => t.Namespace is "Grid.Contracts.Galleries" or "Grid.Contracts.Search")
            .Where(t => t.GetCustomAttribute<GenerateSerializerAttribute>() is not null && !t.IsEnum)
            .Select(t => t.Name).Order().ToArray();
        Assert.Equal(wire, Samples.Select(s => s.GetType().Name).Order().ToArray());
    }

    [Fact]
    public void Gallery_ids_parse_and_refuse()
    {
        Assert.Equal(Gallery, GalleryId.Parse("DE-BKA/suspects"));
        // Not of the form FORCE/NAME: a parse error.
        foreach (var bad in new[] { "", "DE-BKA", "DE-BKA/", "/x", "DE-BKA/a/b" })
            Assert.Throws<FormatException>(() => GalleryId.Parse(bad));
        // The form is right but a part breaks its rule (unknown country, bad characters, too long).
        foreach (var bad in new[] { "XX/x", "DE-BKA/has space", "DE-BKA/" + new string('a', 65) })
            Assert.Throws<ArgumentException>(() => GalleryId.Parse(bad));
    }

    private static void AssertRoundTrip<T>(T value)
    {
        var copy = RoundTrip.Copy(value);
        Assert.IsType<T>(copy);
        RoundTrip.AssertSame(value);
    }
}
