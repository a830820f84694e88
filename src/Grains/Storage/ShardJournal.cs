using System.Runtime.CompilerServices;
using Grid.Contracts.Errors;
using Grid.Contracts.Galleries;
using Grid.Contracts.Templates;
using Grid.Grains.Galleries;
using Microsoft.Extensions.Logging;

namespace Grid.Grains.Storage;

/// <summary>
/// The shard's epoch protocol over named blobs: <c>manifest.json</c> names the config and the current epoch E;
/// <c>snapshot-E</c> (none for epoch 0) plus the append log <c>log-E</c> hold the data. A checkpoint writes
/// <c>snapshot-E+1</c> and an empty <c>log-E+1</c> before the manifest switches to them, so until the switch the
/// old epoch stays authoritative. Subclasses only store bytes: blob storage, or memory for tests.
/// </summary>
public abstract class ShardJournal(string shard, GridStorageOptions options, ILogger logger) : IShardJournal
{
    private const int Dimension = TemplateRules.Dimension;

    /// <summary>Upper bound of one enrolled row in a frame: vector, id and hash, subjectRef as UTF-8, its length.</summary>
    private const int MaxRowBytes = Dimension * sizeof(float) + 16 + 2 * SubjectRefRules.MaxLength + 4;

    private ShardManifest? _manifest;
    private bool _broken;

    public string Shard { get; } = shard;

    public ShardConfig? Config => _manifest?.Config;

    public long LogBytes { get; private set; }

    public bool HasUncheckpointedRecords { get; private set; }

    public bool IsCheckpointDue => LogBytes > options.SnapshotAfterLogBytes;

    public async Task<ShardState?> OpenAsync()
    {
        try
        {
            return await OpenStoredAsync();
        }
        catch (Exception e) when (StorageFailure.IsStorageFault(e))
        {
            // Storage down or restarting: the shard cannot open now, and the caller should hear so (and retry), not
            // get an unexplained failure. Nothing is assumed: the next call opens it from storage again.
            logger.LogWarning(e, "Shard {Shard}: could not be read from storage", Shard);
            throw new StorageUnavailableException($"Shard {Shard} could not be read from storage ({StorageFailure.Describe(e)}); nothing was changed — retry shortly.");
        }
    }

    private async Task<ShardState?> OpenStoredAsync()
    {
        var manifest = await ReadManifestAsync();
        if (manifest is null) return null;
        ShardState state;
        if (manifest.Epoch > 0)
        {
            await using var snapshot = await OpenSnapshotAsync(manifest.Epoch)
                ?? throw new InvalidDataException($"Shard {Shard}: manifest names epoch {manifest.Epoch} but its snapshot is missing.");
            var (map, nextId, index) = await Task.Run(() => ShardSnapshotCodec.Read(snapshot));
            state = new ShardState(index, map, nextId);
        }
        else
        {
            state = ShardState.Empty(manifest.Config.Engine, Dimension);
        }

        var replay = new LogReplay();
        try
        {
            // The log of the manifest's epoch is created before the manifest names it, so a missing one is lost
            // data: refuse to open (searches report the shard as failed) rather than answer as if empty.
            await using var log = await OpenLogAsync(manifest.Epoch)
                ?? throw new InvalidDataException($"Shard {Shard}: manifest names epoch {manifest.Epoch} but its log is missing; restore it from backup.");
            await Task.Run(() =>
            {
                foreach (var record in ShardLogCodec.Decode(log, Dimension, replay)) state.Apply(record);
            });
        }
        catch
        {
            state.Dispose();
            throw;
        }
        (_manifest, LogBytes, HasUncheckpointedRecords) = (manifest, replay.ValidBytes, replay.Records > 0);
        logger.LogInformation("Shard {Shard}: loaded epoch {Epoch}, replayed {Records} log records, {Count} templates",
            Shard, manifest.Epoch, replay.Records, state.Index.Count);
        if (replay.TornTail)
        {
            // Never acknowledged; roll to a fresh epoch so new appends do not land after the damage.
            logger.LogWarning("Shard {Shard}: ignored a damaged log tail after {Bytes} bytes", Shard, replay.ValidBytes);
            await CheckpointAsync(state);
        }
        return state;
    }

    public async Task<ShardState> CreateAsync(ShardConfig config)
    {
        var state = ShardState.Empty(config.Engine, Dimension); // an unknown engine fails here, before storage is touched
        await CreateLogAsync(0);
        var manifest = new ShardManifest(config, 0);
        await WriteManifestAsync(manifest);
        (_manifest, LogBytes, HasUncheckpointedRecords) = (manifest, 0, false);
        return state;
    }

    public async IAsyncEnumerable<ShardLogRecord> AppendAsync(ShardLogRecord record)
    {
        var manifest = _manifest ?? throw new InvalidOperationException($"Shard {Shard} has no journal yet: open or create it first.");
        foreach (var part in Frames(record))
        {
            await AppendFrameAsync(manifest, ShardLogCodec.Encode(part, Dimension));
            HasUncheckpointedRecords = true;
            yield return part;
        }
    }

    public async Task CheckpointAsync(ShardState state)
    {
        var manifest = _manifest ?? throw new InvalidOperationException($"Shard {Shard} has no journal yet: open or create it first.");
        // The manifest names the engine the snapshot holds: after a re-index that is no longer the creation engine.
        var next = manifest with { Epoch = manifest.Epoch + 1, Config = manifest.Config with { Engine = state.Index.Spec } };
        await WriteSnapshotAsync(next.Epoch, s => ShardSnapshotCodec.Write(s, state.Map, state.NextId, state.Index));
        await CreateLogAsync(next.Epoch);
        await WriteManifestAsync(next); // the switch: until here, the old epoch stays authoritative
        (_manifest, LogBytes, HasUncheckpointedRecords, _broken) = (next, 0, false, false);
        logger.LogInformation("Shard {Shard}: snapshot epoch {Epoch} with {Count} templates", Shard, next.Epoch, state.Index.Count);
        try
        {
            await DeleteEpochAsync(manifest.Epoch);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Shard {Shard}: could not delete epoch {Epoch}; it is unused", Shard, manifest.Epoch);
        }
    }

    /// <summary>An enrolment split so that each frame fits one append block; other records are one frame.</summary>
    private IEnumerable<ShardLogRecord> Frames(ShardLogRecord record)
    {
        if (record is not ShardLogRecord.Enrolled e)
        {
            yield return record;
            yield break;
        }
        var rowsPerFrame = Math.Max(1, options.MaxLogFrameBytes / MaxRowBytes);
        if (e.Ids.Length <= rowsPerFrame)
        {
            yield return e;
            yield break;
        }
        for (var start = 0; start < e.Ids.Length; start += rowsPerFrame)
        {
            var n = Math.Min(rowsPerFrame, e.Ids.Length - start);
            yield return new ShardLogRecord.Enrolled(e.Ids[start..(start + n)], e.Hashes[start..(start + n)], e.SubjectRefs[start..(start + n)],
                e.Vectors[(start * Dimension)..((start + n) * Dimension)]);
        }
    }

    private async Task AppendFrameAsync(ShardManifest manifest, byte[] frame)
    {
        if (_broken)
            throw new StorageUnavailableException($"Shard {Shard}: an earlier write was not acknowledged; the shard reloads from storage — resend.");
        try
        {
            LogBytes = await AppendAsync(manifest.Epoch, LogBytes, frame);
        }
        catch (Exception e)
        {
            // The append may or may not have landed: refuse further appends rather than guess.
            _broken = true;
            logger.LogError(e, "Shard {Shard}: log append failed", Shard);
            throw new StorageUnavailableException($"Shard {Shard}: storage did not acknowledge the write ({StorageFailure.Describe(e)}); nothing from this call was acknowledged — resend it.");
        }
    }

    // ---- the bytes: what a storage medium provides --------------------------------------------------

    protected abstract Task<ShardManifest?> ReadManifestAsync();

    protected abstract Task WriteManifestAsync(ShardManifest manifest);

    /// <summary>Creates (or empties) the log of <paramref name="epoch"/>.</summary>
    protected abstract Task CreateLogAsync(long epoch);

    /// <summary>Appends <paramref name="frame"/> atomically at <paramref name="expectedLength"/>; returns the new length.</summary>
    protected abstract Task<long> AppendAsync(long epoch, long expectedLength, byte[] frame);

    /// <summary>The whole log of <paramref name="epoch"/>, or null when it does not exist.</summary>
    protected abstract Task<Stream?> OpenLogAsync(long epoch);

    /// <summary>The snapshot of <paramref name="epoch"/>, or null when it does not exist.</summary>
    protected abstract Task<Stream?> OpenSnapshotAsync(long epoch);

    /// <summary>Writes a snapshot that becomes visible only once <paramref name="write"/> has finished.</summary>
    protected abstract Task WriteSnapshotAsync(long epoch, Action<Stream> write);

    protected abstract Task DeleteEpochAsync(long epoch);
}
