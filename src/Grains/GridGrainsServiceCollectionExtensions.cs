using Grid.Grains.Audit;
using Grid.Grains.Backup;
using Grid.Grains.Diagnostics;
using Grid.Grains.Galleries;
using Grid.Grains.Placement;
using Grid.Grains.Review;
using Grid.Grains.Search;
using Grid.Grains.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Grid.Grains;

public static class GridGrainsServiceCollectionExtensions
{
    /// <summary>Registers what the grid's grains need besides Orleans: the shard and audit blob stores
    /// (on the <see cref="Azure.Storage.Blobs.BlobServiceClient"/> the host registers), the shards' blob journals and a clock.</summary>
    public static IServiceCollection AddGridGrains(this IServiceCollection services, Action<GridStorageOptions>? configure = null)
    {
        services.AddOptions<GridStorageOptions>().Configure(o => configure?.Invoke(o));
        services.AddOptions<ReviewOptions>().BindConfiguration(ReviewOptions.Section);
        services.AddOptions<ShardSearchOptions>().BindConfiguration(ShardSearchOptions.Section)
            .Validate(o => o.IsValid,
                $"{ShardSearchOptions.Section}: MaxBatch must be 1-1024, BatchWait 0-1 s, ScanThreads and ConcurrentPasses 0-256.");
        services.TryAddSingleton<ScanScheduler>();
        services.AddOptions<SearchDeadlineOptions>().BindConfiguration(SearchDeadlineOptions.Section)
            .Validate(o => o.IsValid, $"{SearchDeadlineOptions.Section}: AuditMargin must be 0.1-30 s.").ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<ForceStorageOptions>().BindConfiguration(ForceStorageOptions.Section);
        services.TryAddSingleton<ForceStorage>();
        services.TryAddSingleton(sp => new ShardBlobStore(
            sp.GetRequiredService<ForceStorage>(), sp.GetRequiredService<IOptions<GridStorageOptions>>(), sp.GetService<GridMetrics>()));
        services.TryAddSingleton<IShardJournalFactory, BlobShardJournalFactory>();
        services.TryAddSingleton<ShardRelocation>();
        services.TryAddSingleton<ReindexEngines>();
        services.TryAddSingleton(sp => new AuditBlobStore(sp.GetRequiredService<ForceStorage>(), sp.GetRequiredService<IOptions<AuditOptions>>()));
        services.TryAddSingleton<GridMetrics>();
        services.TryAddSingleton<GalleryInfoCache>();
        services.TryAddSingleton(sp => new ErasureList(sp.GetService<Azure.Storage.Blobs.BlobServiceClient>(),
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<GridStorageOptions>>(), sp.GetRequiredService<TimeProvider>()));
        services.AddForcePinnedPlacement();
        return services;
    }

    /// <summary>Shards keep their journals in <paramref name="storage"/> instead of blob storage (tests).</summary>
    public static IServiceCollection AddInMemoryShardJournals(this IServiceCollection services, InMemoryShardStorage storage)
    {
        services.RemoveAll<IShardJournalFactory>();
        services.AddSingleton(storage);
        services.AddSingleton<IShardJournalFactory, InMemoryShardJournalFactory>();
        return services;
    }
}
