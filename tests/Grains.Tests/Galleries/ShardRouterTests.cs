using Grid.Grains.Galleries;
using Xunit;

namespace Grid.Grains.Tests.Galleries;

public sealed class ShardRouterTests
{
    [Fact]
    public void Routing_is_pinned_so_stored_galleries_stay_readable()
    {
        // Pinned values: a change of hash or formula would send enrolled subjects' removals and
        // resends to the wrong shard of every existing gallery. Never update them to make this pass.
        string[] refs = ["S-00001", "S-00002", "case-42/photo-7", "ü-subject", "x"];
        Assert.Equal(new[] { 2, 2, 0, 0, 3 }, refs.Select(r => ShardRouter.ShardOf(r, 4)));
        Assert.Equal(new[] { 2, 5, 2, 4, 0 }, refs.Select(r => ShardRouter.ShardOf(r, 7)));
        Assert.All(refs, r => Assert.Equal(0, ShardRouter.ShardOf(r, 1)));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(8)]
    [InlineData(64)]
    public void Subjects_spread_evenly_over_the_shards(int shards)
    {
        const int subjects = 64_000;
        var counts = new int[shards];
        for (var i = 0; i < subjects; i++) counts[ShardRouter.ShardOf($"S-{i:D6}", shards)]++;
        var mean = subjects / (double)shards;
        // A uniform hash gives binomial counts with standard deviation below sqrt(mean); five of them is a
        // bound a fair hash misses with probability ~1e-5 per shard, and a biased one (say 20 % off) cannot meet.
        var bound = 5 * Math.Sqrt(mean);
        Assert.All(counts, c => Assert.InRange(c, mean - bound, mean + bound));
    }

    [Fact]
    public void The_same_subject_always_routes_the_same_way()
    {
        for (var i = 0; i < 1000; i++)
        {
            var subject = $"subject-{i}";
            var shard = ShardRouter.ShardOf(subject, 16);
            Assert.InRange(shard, 0, 15);
            Assert.Equal(shard, ShardRouter.ShardOf(new string(subject.ToCharArray()), 16));
        }
    }
}
