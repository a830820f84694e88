using Grid.Contracts.Identity;
using Grid.Contracts.Search;
using Orleans.Concurrency;

namespace Grid.Contracts.Galleries;

/// <summary>One partition of a gallery [key <c>FORCE/name/n</c>]: a vector index plus the id ↔ subjectRef map,
/// durable through an append log and snapshots in blob storage. Internal: only silos call shards; a client
/// goes through its gallery (enrol, remove) or the search coordinator.</summary>
[InternalGrain]
public interface IGalleryShardGrain : IGrainWithStringKey
{
    /// <summary>Creates the shard's manifest; idempotent for the same config, refused for another.</summary>
    Task InitializeAsync(ShardConfig config);

    /// <summary>Rows are already validated and normalised by the gallery; acknowledged once in the log.</summary>
    // A shard writes a snapshot inline once its log passes GridStorageOptions.SnapshotAfterLogBytes (tens of
    // seconds at 250k templates), and a batch may queue behind one: more than the default 30 s, never unbounded.
    [ResponseTimeout("00:05:00")]
    Task<EnrolResult> EnrolAsync(EnrolBatch batch, CancellationToken cancellationToken = default);

    Task<int> RemoveAsync(string subjectRef);

    /// <summary>Best candidate per subject, best first. Read-only: the index is safe for concurrent searches,
    /// and enrolments (not read-only) never interleave with a search.</summary>
    [ReadOnly]
    Task<ShardHit[]> SearchAsync(ShardSearch search, CancellationToken cancellationToken = default);

    [ReadOnly]
    Task<ShardStatus> GetStatusAsync();

    /// <summary>Starts building an index of <paramref name="engine"/> from this shard's rows beside the serving one
    /// (changes meanwhile reach both); a grain timer swaps it in, journals it and snapshots once it is built.
    /// False when the shard already uses <paramref name="engine"/>.</summary>
    Task<bool> BeginReindexAsync(string engine);

    /// <summary>Writes a snapshot now and starts a new log (operators; also runs on deactivation).</summary>
    // Writing a 250k-row shard (~0.5 GiB) to blob storage takes longer than the default 30 s response timeout.
    [ResponseTimeout("00:10:00")]
    Task SnapshotAsync();

    /// <summary>If placement now prefers another silo, snapshots and deactivates (the next call activates the
    /// shard there); returns whether it is moving.</summary>
    [ResponseTimeout("00:10:00")]
    Task<bool> MoveIfMisplacedAsync();
}
