using Grid.Contracts.Search;
using Grid.Grains.Galleries;

namespace Grid.Grains.Tests.Galleries;

/// <summary>A shard pass for batching tests: it tells the test it has started, then waits until the test opens the gate
/// (once per pass), and records how many searches each pass held.</summary>
internal sealed class GatedPass(ShardState state)
{
    private readonly SemaphoreSlim _entered = new(0);
    private readonly SemaphoreSlim _open = new(0);

    public List<int> Sizes { get; } = [];

    public ShardHit[][] Run(IReadOnlyList<ShardQuery> queries)
    {
        lock (Sizes) Sizes.Add(queries.Count);
        _entered.Release();
        _open.Wait();
        return state.SearchBatch(queries);
    }

    public Task EnteredAsync() => _entered.WaitAsync();

    public void Open() => _open.Release();
}
