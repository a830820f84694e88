using Grid.Contracts.Galleries;
using Grid.Grains.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Grid.Grains.Tests.Galleries;

/// <summary>The gallery cluster with shards journaled in memory (<see cref="InMemoryShardStorage"/>, which
/// outlives each cluster as storage does); grain state and audit logs stay on Azurite. A crash cuts the old
/// silos' journals off, so a restart sees exactly what was appended.</summary>
public sealed class InMemoryJournalGalleryClusterFixture : GalleryClusterFixture
{
    public InMemoryShardStorage Storage { get; } = new();

    protected override void OnCrash() => Storage.Crash();

    /// <summary>The engines shards re-index with (real ones; a test may hold or fail a build).</summary>
    public HeldReindexEngines ReindexEngines { get; } = new();

    protected override void ConfigureShardJournals(IServiceCollection services)
    {
        services.AddInMemoryShardJournals(Storage);
        services.AddSingleton<Grid.Grains.Galleries.ReindexEngines>(ReindexEngines);
    }

    public override Task<string[]> ShardBlobsAsync(GalleryId id, int shard) => Task.FromResult(Storage.Names(ShardKeys.For(id, shard)));

    public override Task AppendToShardBlobAsync(GalleryId id, int shard, string name, byte[] bytes)
    {
        Storage.AppendRaw(ShardKeys.For(id, shard), name, bytes);
        return Task.CompletedTask;
    }

    public override Task DeleteShardBlobAsync(GalleryId id, int shard, string name)
    {
        Storage.Delete(ShardKeys.For(id, shard), name);
        return Task.CompletedTask;
    }

    public override Task<long> ShardBlobLengthAsync(GalleryId id, int shard, string name) =>
        Task.FromResult((long)(Storage.Read(ShardKeys.For(id, shard), name)?.Length ?? 0));
}
