namespace Grid.Indexing.Tests;

public sealed class ConcurrencyTests
{
    private const int Dimension = 32;

    [Theory]
    [MemberData(nameof(EngineSpecs.Removable), MemberType = typeof(EngineSpecs))]
    public async Task Searches_during_adds_and_removes_return_valid_results(string spec)
    {
        var stable = TestData.Uniform(500, Dimension, seed: 51);
        var stableIds = TestData.Ids(500, first: 0);
        var churn = TestData.Uniform(500, Dimension, seed: 52);
        var churnIds = TestData.Ids(500, first: 1_000_000);
        using var index = TestData.Filled(spec, stable, stableIds, Dimension);
        var valid = stableIds.Concat(churnIds).ToHashSet();
        using var stop = new CancellationTokenSource();

        var writer = Task.Run(() =>
        {
            for (var round = 0; round < 20; round++)
            {
                index.Add(churn, churnIds);
                index.Remove(churnIds);
            }
            stop.Cancel();
        });
        var readers = Enumerable.Range(0, 3).Select(r => Task.Run(() =>
        {
            var searches = 0;
            while (!stop.IsCancellationRequested || searches == 0)
            {
                var q = (searches++ * 7 + r) % 500;
                var hits = index.Search(stable.AsSpan(q * Dimension, Dimension), 5)[0];
                Assert.Equal(5, hits.Count);
                Assert.All(hits.Ids, id => Assert.Contains(id, valid));
                Assert.Equal(hits.Ids.Length, hits.Ids.Distinct().Count());
                // The stable row itself is always present and is its own best match.
                Assert.Equal(stableIds[q], hits.Ids[0]);
            }
            return searches;
        })).ToArray();

        await writer;
        Assert.All(await Task.WhenAll(readers), searches => Assert.True(searches > 0));
        Assert.Equal(500, index.Count);
    }
}
