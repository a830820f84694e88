namespace Grid.Indexing.Tests;

public sealed class TopKCollectorTests
{
    [Fact]
    public void Keeps_the_best_k_best_first_with_lower_id_winning_ties()
    {
        var collector = new TopKCollector(3);
        foreach (var (score, id) in new[] { (0.5f, 9L), (0.9f, 4L), (0.5f, 2L), (0.1f, 1L), (0.9f, 3L), (0.5f, 1L) })
            collector.Offer(score, id);

        var hits = collector.ToHits();

        Assert.Equal([3L, 4L, 1L], hits.Ids);
        Assert.Equal([0.9f, 0.9f, 0.5f], hits.Scores);
    }

    [Fact]
    public void Merging_partitions_gives_the_same_answer_as_one_pass()
    {
        var random = new Random(5);
        var pairs = Enumerable.Range(0, 500).Select(i => ((float)Math.Round(random.NextDouble(), 2), (long)i)).ToArray();
        var whole = new TopKCollector(10);
        var left = new TopKCollector(10);
        var right = new TopKCollector(10);
        for (var i = 0; i < pairs.Length; i++)
        {
            whole.Offer(pairs[i].Item1, pairs[i].Item2);
            (i % 3 == 0 ? left : right).Offer(pairs[i].Item1, pairs[i].Item2);
        }
        left.OfferAll(right);

        var expected = pairs.OrderByDescending(p => p.Item1).ThenBy(p => p.Item2).Take(10).Select(p => p.Item2);
        Assert.Equal(expected, whole.ToHits().Ids);
        Assert.Equal(expected, left.ToHits().Ids);
    }
}
