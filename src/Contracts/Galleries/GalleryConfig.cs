using Grid.Contracts.Sharing;

namespace Grid.Contracts.Galleries;

/// <summary>How a gallery is built: its vector engine, how many shards, which face model made its
/// templates and what kind of subjects it holds. Fixed at creation, except the engine, which only an explicit
/// re-index changes (<see cref="IGalleryGrain.ReindexAsync"/>).</summary>
[GenerateSerializer, Immutable, Alias("grid.GalleryConfig")]
public sealed record GalleryConfig(
    [property: Id(0)] string Engine,
    [property: Id(1)] int ShardCount,
    [property: Id(2)] string ModelId,
    [property: Id(3)] SubjectCategory Category)
{
    /// <summary>The int8 scan with float16 re-rank: recall@10 0.999 against <c>exact</c> on uniform data (better on
    /// identity-clustered), 2.5× faster per probe, 0.81× the memory (docs/BENCHMARKS.md). Galleries created before it
    /// became the default keep the engine stored in their configuration and shard snapshots.</summary>
    public const string DefaultEngine = "exact-int8";
    /// <summary>Most shards a gallery may have: 256, so the grid can be measured (and run) toward hundreds of shards
    /// (issue 11's wide fan-out); a search asks at most <c>SearchCoordinatorGrain.MaxParallelShards</c> at once.</summary>
    public const int MaxShards = 256;
    /// <summary>Model id recorded when templates come from files rather than the face pipeline.</summary>
    public const string UnspecifiedModel = "unspecified";

    public static GalleryConfig Default => new(DefaultEngine, 4, UnspecifiedModel, SubjectCategory.Suspect);
}
