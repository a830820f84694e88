using Grid.Contracts.Galleries;
using Grid.Grains.Galleries;

namespace Grid.Grains.Storage;

/// <summary>
/// A shard's durable history, in the shape of Orleans.Journaling's <c>IStateMachineStorage</c>: open (read the
/// state back: manifest, then snapshot plus the log after it, a torn tail ignored), append (a record is durable
/// before it is applied or acknowledged) and checkpoint (replace the history with a snapshot of the state and an
/// empty log). One journal per shard activation; not thread-safe (the grain serialises changes).
/// </summary>
public interface IShardJournal
{
    /// <summary>The shard's configuration once opened or created; null while the shard was never created.</summary>
    ShardConfig? Config { get; }

    /// <summary>Bytes in the log since the last checkpoint.</summary>
    long LogBytes { get; }

    /// <summary>True when records were appended or replayed since the last checkpoint.</summary>
    bool HasUncheckpointedRecords { get; }

    /// <summary>True when the log has grown past the size at which a checkpoint bounds replay time.</summary>
    bool IsCheckpointDue { get; }

    /// <summary>The state storage holds, or null when the shard was never created. Refuses (throws) when storage
    /// names data it no longer has, rather than answering as if empty.</summary>
    Task<ShardState?> OpenAsync();

    /// <summary>Creates the shard: an empty log, then the manifest that names it.</summary>
    Task<ShardState> CreateAsync(ShardConfig config);

    /// <summary>
    /// Appends a record, split into frames of bounded size; yields each part once it is durable, to be applied
    /// before the next is written (as a replay would). A failure throws
    /// <see cref="Grid.Contracts.Errors.StorageUnavailableException"/> and leaves the journal refusing appends:
    /// a part may or may not have landed, so reopen from storage.
    /// </summary>
    IAsyncEnumerable<ShardLogRecord> AppendAsync(ShardLogRecord record);

    /// <summary>Snapshots <paramref name="state"/> into a new epoch with an empty log and switches to it.</summary>
    Task CheckpointAsync(ShardState state);
}
