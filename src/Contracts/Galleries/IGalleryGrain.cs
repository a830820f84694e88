using Orleans.Concurrency;
namespace Grid.Contracts.Galleries;

/// <summary>A gallery [key <c>FORCE/name</c>]: its configuration, routing of subjects to shards, counts.</summary>
public interface IGalleryGrain : IGrainWithStringKey
{
    Task<GalleryInfo> CreateAsync(GalleryConfig config);

    /// <summary>The gallery's configuration, or null when it was never created.</summary>
    /// <remarks>Always interleaves: searches resolve galleries through this call and must not queue behind a
    /// bulk enrolment that takes minutes. Invariant: it only reads <c>Info</c>, an immutable record whose reference
    /// is replaced whole (at the end of creation, and when a re-index has finished on every shard), so any
    /// interleaving sees null or one complete value.</remarks>
    [AlwaysInterleave]
    Task<GalleryInfo?> GetAsync();

    /// <summary>Validates the whole batch first (nothing is stored if any row is bad), then stores every
    /// row in its shard's durable log; returns only once every row is acknowledged by its shard.</summary>
    // A shard writes a snapshot inline once its log passes GridStorageOptions.SnapshotAfterLogBytes (tens of
    // seconds at 250k templates), and a batch may queue behind one: more than the default 30 s, never unbounded.
    [ResponseTimeout("00:05:00")]
    Task<EnrolResult> EnrolAsync(EnrolBatch batch, CancellationToken cancellationToken = default);

    /// <summary>Removes every template of the subject; returns how many were removed (0: not enrolled).</summary>
    Task<int> RemoveAsync(string subjectRef);

    Task<GalleryStatus> GetStatusAsync();

    /// <summary>Every shard writes a snapshot now and starts a new log (operators: before a planned restart, or
    /// after a bulk load so the periodic snapshot does not run later, in the middle of searches).</summary>
    // Writing a 250k-row shard (~0.5 GiB) to blob storage takes longer than the default 30 s response timeout.
    [ResponseTimeout("00:10:00")]
    Task SnapshotAsync();

    /// <summary>
    /// Moves the gallery to another engine: every shard not on it builds the new index from its rows while the old
    /// one keeps serving searches, enrolments and removals, then swaps atomically, journals the change and
    /// snapshots. Returns once the builds have started; <see cref="GetStatusAsync"/> reports progress per shard.
    /// Force admin of the owner, or the operator. Refused: an unknown engine, a build already running, a shard
    /// whose engine keeps no exact rows to rebuild from.
    /// </summary>
    Task<ReindexResult> ReindexAsync(string engine);

    /// <summary>Moves every shard that is not on the silo placement now prefers (after silos joined or left):
    /// each snapshots, deactivates and is activated again on its preferred silo. Returns how many moved.</summary>
    [ResponseTimeout("00:10:00")]
    Task<int> RebalanceAsync();
}
