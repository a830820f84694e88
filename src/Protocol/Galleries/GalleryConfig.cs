namespace Grid.Protocol.Galleries;

/// <summary>How a gallery is built, fixed at creation: vector engine, shard count, face model id, subject category.</summary>
/// <param name="Engine"><c>exact</c> or <c>faiss:FACTORY</c>.</param>
/// <param name="ShardCount">1 to <see cref="MaxShards"/>.</param>
/// <param name="ModelId">The face model that makes the gallery's templates.</param>
/// <param name="Category">The kind of subjects it holds.</param>
public sealed record GalleryConfig(
    string Engine = GalleryConfig.DefaultEngine,
    int ShardCount = 4,
    string ModelId = GalleryConfig.UnspecifiedModel,
    SubjectCategory Category = SubjectCategory.Suspect)
{
    /// <summary>The managed SIMD engine.</summary>
    public const string DefaultEngine = "exact";

    /// <summary>Most shards a gallery may have (the silo's limit).</summary>
    public const int MaxShards = 256;

    /// <summary>Model id recorded when templates come from files rather than the face pipeline.</summary>
    public const string UnspecifiedModel = "unspecified";

    /// <summary>exact, 4 shards, unspecified model, suspects.</summary>
    public static GalleryConfig Default => new();
}
