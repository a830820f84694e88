using Grid.Contracts.Sharing;

namespace Grid.Contracts.Galleries;

/// <summary>How a gallery is built: its vector engine, how many shards, which face model made its
/// templates and what kind of subjects it holds. Fixed at creation.</summary>
[GenerateSerializer, Immutable, Alias("grid.GalleryConfig")]
public sealed record GalleryConfig(
    [property: Id(0)] string Engine,
    [property: Id(1)] int ShardCount,
    [property: Id(2)] string ModelId,
    [property: Id(3)] SubjectCategory Category)
{
    public const string DefaultEngine = "exact";
    /// <summary>Most shards a gallery may have: 256, so the grid can be measured (and run) toward hundreds of shards
    /// (issue 11's wide fan-out); a search asks at most <c>SearchCoordinatorGrain.MaxParallelShards</c> at once.</summary>
    public const int MaxShards = 256;
    /// <summary>Model id recorded when templates come from files rather than the face pipeline.</summary>
    public const string UnspecifiedModel = "unspecified";

    public static GalleryConfig Default => new(DefaultEngine, 4, UnspecifiedModel, SubjectCategory.Suspect);
}
