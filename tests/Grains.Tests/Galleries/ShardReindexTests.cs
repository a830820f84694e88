using Grid.Grains.Galleries;
using Grid.Grains.Storage;
using Grid.Grains.Tests.Support;
using Grid.Indexing;
using Xunit;

namespace Grid.Grains.Tests.Galleries;

/// <summary>A shard's re-index without Orleans: the rows copied from the serving index plus the changes forwarded
/// while it builds make exactly the serving index's rows; and a replay that meets an engine change (its checkpoint
/// lost in a crash) rebuilds the new engine from the rows replayed before it.</summary>
public sealed class ShardReindexTests
{
    private static ShardState Filled(int rows, int seed)
    {
        var state = ShardState.Empty("exact", Vectors.Dimension);
        state.Apply(state.PlanEnrolment([.. Enumerable.Range(0, rows).Select(i => $"S-{i:D4}")], Vectors.Unit(rows, seed))!);
        return state;
    }

    [Fact]
    public async Task Rows_copied_plus_changes_forwarded_during_the_build_equal_the_serving_rows()
    {
        using var state = Filled(5000, seed: 8000); // more than one copy chunk
        var engines = new HeldReindexEngines();
        engines.Hold.Reset();
        using var reindex = ShardReindex.Start(state.Index, "exact-int8", engines);
        state.Reindex = reindex;
        // While the build waits: rows added, subjects removed (some already copied or not, the build cannot tell).
        var late = Vectors.Unit(50, seed: 8001);
        state.Apply(state.PlanEnrolment([.. Enumerable.Range(0, 50).Select(i => $"L-{i:D2}")], late)!);
        foreach (var gone in new[] { "S-0000", "S-4999", "L-07" }) state.Apply(state.PlanRemoval(gone)!.Value.Record);
        engines.Hold.Set();
        await reindex.Build;
        state.Apply(state.PlanRemoval("S-2500")!.Value.Record); // after the build, before the swap
        state.Reindex = null;
        state.ReplaceIndex(reindex.Complete());

        Assert.Equal("exact-int8", state.Index.Spec);
        Assert.Equal(5046, state.Index.Count);
        Assert.Equal("L-08", state.Search(Vectors.Row(late, 8), 1, -1f)[0].SubjectRef);
        Assert.Equal("S-1234", state.Search(Vectors.Row(Vectors.Unit(5000, seed: 8000), 1234), 1, -1f)[0].SubjectRef);
        var everyone = state.Search(Vectors.Unit(1, seed: 1), 5046, -1f);
        Assert.Equal(5046, everyone.Length);
        foreach (var gone in new[] { "S-0000", "S-4999", "L-07", "S-2500" })
            Assert.DoesNotContain(everyone, h => h.SubjectRef == gone);
    }

    [Fact]
    public void A_replayed_engine_change_rebuilds_the_index_from_the_rows_before_it()
    {
        using var state = Filled(300, seed: 8100);
        var probe = Vectors.Row(Vectors.Unit(300, seed: 8100), 77);
        state.Apply(new ShardLogRecord.EngineChanged("exact-int8"));
        Assert.Equal("exact-int8", state.Index.Spec);
        Assert.Equal(300, state.Index.Count);
        Assert.Equal("S-0077", state.Search(probe, 1, -1f)[0].SubjectRef);
        state.Apply(new ShardLogRecord.EngineChanged("exact-int8")); // already there: nothing to do
        Assert.Equal(300, state.Index.Count);
    }

    [Fact]
    public void An_engine_without_exact_rows_cannot_be_the_source()
    {
        using var state = ShardState.Empty("exact-int8", Vectors.Dimension);
        Assert.False(ShardReindex.CanReadFrom(state.Index));
        var refused = Assert.Throws<Grid.Contracts.Errors.EngineRefusedException>(() => ShardReindex.Start(state.Index, "exact", new ReindexEngines()));
        Assert.Equal(Grid.Contracts.Errors.GridErrorCodes.ReindexUnsupported, refused.Code);
        using var exact = VectorIndexFactory.Create("exact", Vectors.Dimension);
        Assert.True(ShardReindex.CanReadFrom(exact));
    }
}
