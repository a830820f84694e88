using Grid.Contracts.Galleries;
using Grid.Contracts.Search;
using Grid.Grains.Search;
using Xunit;

namespace Grid.Grains.Tests.Search;

public sealed class TopKMergerTests
{
    private static readonly GalleryId A = new("DE-BKA", "a");
    private static readonly GalleryId B = new("DE-BKA", "b");
    private static readonly GalleryId C = new("FR-PN", "a");

    [Fact]
    public void One_candidate_per_gallery_and_subject_at_its_best_score()
    {
        var merger = new TopKMerger(10);
        merger.Add(A, [new("S1", 0.5f), new("S2", 0.4f)]);
        merger.Add(A, [new("S1", 0.7f), new("S2", 0.1f)]); // another shard answering for the same subject
        merger.Add(B, [new("S1", 0.6f)]);                   // same subjectRef, another gallery: another person
        var result = merger.Result();
        Assert.Equal([("DE-BKA", "a", "S1", 0.7f, 1), ("DE-BKA", "b", "S1", 0.6f, 2), ("DE-BKA", "a", "S2", 0.4f, 3)],
            result.Select(c => (c.Force.Value, c.Gallery, c.SubjectRef, c.Score, c.Rank)));
    }

    [Fact]
    public void Ties_are_ordered_by_gallery_then_subject_whatever_the_arrival_order()
    {
        ShardHit[] hitsA = [new("z", 0.5f), new("b", 0.5f), new("a", 0.9f)];
        ShardHit[] hitsB = [new("a", 0.5f)];
        ShardHit[] hitsC = [new("a", 0.5f)];
        var orders = new[] { new[] { 0, 1, 2 }, [2, 1, 0], [1, 2, 0] };
        var results = orders.Select(order =>
        {
            var merger = new TopKMerger(10);
            foreach (var i in order) merger.Add(new[] { A, B, C }[i], new[] { hitsA, hitsB, hitsC }[i]);
            return merger.Result().Select(c => $"{c.Force}/{c.Gallery}:{c.SubjectRef}:{c.Rank}").ToArray();
        }).ToArray();
        Assert.Equal(["DE-BKA/a:a:1", "DE-BKA/a:b:2", "DE-BKA/a:z:3", "DE-BKA/b:a:4", "FR-PN/a:a:5"], results[0]);
        Assert.All(results, r => Assert.Equal(results[0], r));
    }

    [Fact]
    public void Keeps_the_best_k_with_ranks_from_one()
    {
        var merger = new TopKMerger(3);
        merger.Add(A, Enumerable.Range(0, 50).Select(i => new ShardHit($"S{i:D2}", i / 100f)));
        var result = merger.Result();
        Assert.Equal(["S49", "S48", "S47"], result.Select(c => c.SubjectRef));
        Assert.Equal([1, 2, 3], result.Select(c => c.Rank));
        Assert.Empty(new TopKMerger(5).Result());
        var few = new TopKMerger(100);
        few.Add(A, [new("only", -0.2f)]);
        Assert.Single(few.Result());
    }
}
