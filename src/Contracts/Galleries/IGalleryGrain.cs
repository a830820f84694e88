using Orleans.Concurrency;
namespace Grid.Contracts.Galleries;

/// <summary>A gallery [key <c>FORCE/name</c>]: its configuration, routing of subjects to shards, counts.</summary>
public interface IGalleryGrain : IGrainWithStringKey
{
    Task<GalleryInfo> CreateAsync(GalleryConfig config);

    /// <summary>The gallery's configuration, or null when it was never created.</summary>
    [ReadOnly]
    Task<GalleryInfo?> GetAsync();

    /// <summary>Validates the whole batch first (nothing is stored if any row is bad), then stores every
    /// row in its shard's durable log; returns only once every row is acknowledged by its shard.</summary>
    Task<EnrolResult> EnrolAsync(EnrolBatch batch, CancellationToken cancellationToken = default);

    /// <summary>Removes every template of the subject; returns how many were removed (0: not enrolled).</summary>
    Task<int> RemoveAsync(string subjectRef);

    Task<GalleryStatus> GetStatusAsync();

    /// <summary>Every shard writes a snapshot now and starts a new log (operators: before a planned restart, or
    /// after a bulk load so the periodic snapshot does not run later, in the middle of searches).</summary>
    // Writing a 250k-row shard (~0.5 GiB) to blob storage takes longer than the default 30 s response timeout.
    [ResponseTimeout("00:10:00")]
    Task SnapshotAsync();
}
