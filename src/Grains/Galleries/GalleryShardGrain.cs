using System.IO.Hashing;
using System.Runtime.InteropServices;
using Grid.Contracts.Errors;
using Grid.Contracts.Galleries;
using Grid.Contracts.Identity;
using Grid.Contracts.Search;
using Grid.Contracts.Templates;
using Grid.Grains.Placement;
using Grid.Grains.Sharing;
using Grid.Grains.Storage;
using Grid.Indexing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Grid.Grains.Galleries;

/// <summary>
/// One partition of a gallery. Every change is appended to the shard's log in blob storage before it is
/// applied and acknowledged; activation rebuilds the index from the last snapshot plus the log.
/// Searches run on the thread pool so a long scan never holds the silo's scheduler; enrolments are not
/// read-only, so Orleans never interleaves them with a running search (the map needs no lock).
/// </summary>
[ForcePinnedPlacement] // on its force's own silos when it runs any (Grains/Placement)
public sealed class GalleryShardGrain(
    ShardBlobStore store,
    IOptions<GridStorageOptions> options,
    ILocalSiloDetails silo,
    ShardAccessCheck access,
    TimeProvider clock,
    ForcePinnedPlacementDirector placement,
    IClusterMembershipService membership,
    IClusterManifestProvider manifests,
    ILogger<GalleryShardGrain> logger)
    : Grain, IGalleryShardGrain
{
    private const int Dimension = TemplateRules.Dimension;
    private readonly GridStorageOptions _options = options.Value;
    private ShardManifest? _manifest;
    private IVectorIndex? _index;
    private SubjectMap _map = new();
    private long _nextId;
    private long _logLength;
    private bool _dirty;

    private string Key => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _manifest = await store.ReadManifestAsync(Key);
        if (_manifest is not null) await LoadAsync(_manifest);
        this.RegisterGrainTimer(SnapshotIfDirtyAsync, _options.SnapshotInterval, _options.SnapshotInterval);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        try
        {
            await SnapshotIfDirtyAsync(cancellationToken);
        }
        catch (Exception e)
        {
            // The log already holds every acknowledged change; a missed snapshot only lengthens the next replay.
            logger.LogWarning(e, "Shard {Shard}: snapshot on deactivation failed; the log remains authoritative", Key);
        }
        _index?.Dispose();
    }

    public async Task InitializeAsync(ShardConfig config)
    {
        GridRequestContext.RequireInternalCall();
        if (config.Key != Key)
            throw new ArgumentException($"Shard config for {config.Key} sent to shard {Key}.");
        if (_manifest is not null)
        {
            if (_manifest.Config != config)
                throw new GalleryConflictException($"Shard {Key} exists with engine {_manifest.Config.Engine} and model {_manifest.Config.ModelId}.");
            return;
        }
        var index = VectorIndexFactory.Create(config.Engine, Dimension);
        await store.CreateLogAsync(Key, 0);
        var manifest = new ShardManifest(config, 0);
        await store.WriteManifestAsync(Key, manifest);
        (_manifest, _index, _map, _nextId, _logLength) = (manifest, index, new SubjectMap(), 0, 0);
    }

    public async Task<EnrolResult> EnrolAsync(EnrolBatch batch, CancellationToken cancellationToken = default)
    {
        GridRequestContext.RequireInternalCall();
        var (manifest, index) = RequireReady(batch.ModelId);
        var fresh = new List<int>(batch.Count);
        var hashes = new ulong[batch.Count];
        var inBatch = new HashSet<(string, ulong)>();
        for (var i = 0; i < batch.Count; i++)
        {
            hashes[i] = XxHash64.HashToUInt64(MemoryMarshal.AsBytes(batch.Vectors.AsSpan(i * Dimension, Dimension)));
            if (!_map.Contains(batch.SubjectRefs[i], hashes[i]) && inBatch.Add((batch.SubjectRefs[i], hashes[i])))
                fresh.Add(i);
        }

        var rowsPerFrame = Math.Max(1, _options.MaxLogFrameBytes / (Dimension * sizeof(float) + 16 + 2 * SubjectRefRules.MaxLength + 4));
        foreach (var chunk in fresh.Chunk(rowsPerFrame))
        {
            var record = new ShardLogRecord.Enrolled(
                chunk.Select((_, j) => _nextId + j).ToArray(),
                chunk.Select(i => hashes[i]).ToArray(),
                chunk.Select(i => batch.SubjectRefs[i]).ToArray(),
                TemplateRules.Gather(batch.Vectors, chunk));
            await AppendAsync(manifest, record);
            await Task.Run(() => Apply(index, record), CancellationToken.None);
        }
        if (_logLength > _options.SnapshotAfterLogBytes) await SnapshotAsync();
        return new EnrolResult(fresh.Count, batch.Count - fresh.Count);
    }

    public async Task<int> RemoveAsync(string subjectRef)
    {
        GridRequestContext.RequireInternalCall();
        var (manifest, index) = RequireReady(modelId: null);
        var ids = _map.IdsOf(subjectRef);
        if (ids.Length == 0) return 0;
        var record = new ShardLogRecord.Removed(subjectRef);
        await AppendAsync(manifest, record);
        Apply(index, record);
        return ids.Length;
    }

    public async Task<ShardHit[]> SearchAsync(ShardSearch search, CancellationToken cancellationToken = default)
    {
        var (manifest, index) = RequireReady(search.ModelId);
        // The shard's own check, independent of the coordinator's: the caller's principal (set by the silo's
        // filter), a complete purpose, and for a partner's gallery a valid ticket signed by the agreement.
        var decision = access.Check(manifest.Config.Gallery, GridRequestContext.Principal, search.Purpose, search.Ticket, clock.GetUtcNow());
        if (!decision.Allowed)
        {
            await access.AuditRefusalAsync(GrainFactory, manifest.Config.Gallery, GridRequestContext.Principal, search.Purpose, decision.Reason);
            throw new GridAccessDeniedException($"Shard {Key} refused the search: {decision.Reason}");
        }
        var capped = search with
        {
            K = Math.Min(search.K, decision.Caps.MaxCandidates),
            MinScore = Math.Max(search.MinScore, decision.Caps.MinScore),
        };
        if (index.Count == 0) return [];
        // No cancellation once started: the scan reads the map, which must not outlive this turn.
        return await Task.Run(() => BestPerSubject(index, capped), CancellationToken.None);
    }

    public Task<ShardStatus> GetStatusAsync() => GridRequestContext.IsInternalCall
        ? Task.FromResult(Status())
        : throw new GridAccessDeniedException("Only silos may read a shard's status; ask its gallery.");

    private ShardStatus Status() => new(
        Key,
        _index?.Count ?? 0,
        _map.Subjects,
        (_index?.MemoryBytes ?? 0) + _map.EstimateBytes(),
        silo.SiloAddress.ToString(),
        _manifest is null ? "not created" : _index?.TrainingNote);

    public Task SnapshotAsync() => !GridRequestContext.IsInternalCall
        ? throw new GridAccessDeniedException("Only silos may snapshot a shard.")
        : _manifest is null ? Task.CompletedTask : WriteSnapshotAsync(_manifest);

    public async Task<bool> MoveIfMisplacedAsync()
    {
        GridRequestContext.RequireInternalCall();
        // The silos placement itself would consider: active, and already known to host shard grains (a silo that
        // just joined is Active a few seconds before its grain manifest reaches the others).
        var type = this.GetGrainId().Type;
        var cluster = manifests.Current;
        var active = membership.CurrentSnapshot.Members.Values
            .Where(m => m.Status == SiloStatus.Active
                && cluster.Silos.TryGetValue(m.SiloAddress, out var manifest) && manifest.Grains.ContainsKey(type))
            .Select(m => m.SiloAddress).ToArray();
        SiloAddress preferred;
        try
        {
            preferred = placement.Place(ForcePinnedPlacement.Instance, Key, active);
        }
        catch (ForceSilosUnavailableException)
        {
            return false; // nowhere better to go: stay
        }
        if (preferred.Equals(silo.SiloAddress)) return false;
        await SnapshotIfDirtyAsync(CancellationToken.None); // the next activation then loads a snapshot, not a long log
        logger.LogInformation("Shard {Shard}: moving from {From} to {To}", Key, silo.SiloAddress, preferred);
        DeactivateOnIdle();
        return true;
    }

    private Task SnapshotIfDirtyAsync(CancellationToken cancellationToken) =>
        _dirty && _manifest is not null ? WriteSnapshotAsync(_manifest) : Task.CompletedTask;

    private async Task WriteSnapshotAsync(ShardManifest manifest)
    {
        var index = _index!;
        var next = manifest with { Epoch = manifest.Epoch + 1 };
        await store.WriteSnapshotAsync(Key, next.Epoch, s => ShardSnapshotCodec.Write(s, _map, _nextId, index));
        await store.CreateLogAsync(Key, next.Epoch);
        await store.WriteManifestAsync(Key, next); // the switch: until here, the old epoch stays authoritative
        (_manifest, _logLength, _dirty) = (next, 0, false);
        logger.LogInformation("Shard {Shard}: snapshot epoch {Epoch} with {Count} templates", Key, next.Epoch, index.Count);
        try
        {
            await store.DeleteEpochAsync(Key, manifest.Epoch);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Shard {Shard}: could not delete epoch {Epoch}; it is unused", Key, manifest.Epoch);
        }
    }

    private async Task LoadAsync(ShardManifest manifest)
    {
        IVectorIndex index;
        if (manifest.Epoch > 0)
        {
            await using var snapshot = await store.OpenSnapshotAsync(Key, manifest.Epoch)
                ?? throw new InvalidDataException($"Shard {Key}: manifest names epoch {manifest.Epoch} but its snapshot is missing.");
            (_map, _nextId, index) = await Task.Run(() => ShardSnapshotCodec.Read(snapshot));
        }
        else
        {
            index = VectorIndexFactory.Create(manifest.Config.Engine, Dimension);
        }

        var replay = new LogReplay();
        // The log of the manifest's epoch is created before the manifest names it, so a missing one is lost
        // data: refuse to activate (searches report the shard as failed) rather than answer as if empty.
        await using (var log = await store.OpenLogAsync(Key, manifest.Epoch)
            ?? throw new InvalidDataException($"Shard {Key}: manifest names epoch {manifest.Epoch} but its log is missing; restore it from backup."))
        {
            await Task.Run(() =>
            {
                foreach (var record in ShardLogCodec.Decode(log, Dimension, replay)) Apply(index, record);
            });
        }
        (_index, _logLength) = (index, replay.ValidBytes);
        logger.LogInformation("Shard {Shard}: loaded epoch {Epoch}, replayed {Records} log records, {Count} templates",
            Key, manifest.Epoch, replay.Records, index.Count);
        if (replay.TornTail)
        {
            // Never acknowledged; roll to a fresh epoch so new appends do not land after the damage.
            logger.LogWarning("Shard {Shard}: ignored a damaged log tail after {Bytes} bytes", Key, replay.ValidBytes);
            await WriteSnapshotAsync(manifest);
        }
    }

    private void Apply(IVectorIndex index, ShardLogRecord record)
    {
        switch (record)
        {
            case ShardLogRecord.Enrolled e:
                index.Add(e.Vectors, e.Ids);
                for (var i = 0; i < e.Ids.Length; i++) _map.Add(e.SubjectRefs[i], new TemplateEntry(e.Ids[i], e.Hashes[i]));
                _nextId = Math.Max(_nextId, e.Ids[^1] + 1);
                break;
            case ShardLogRecord.Removed r:
                index.Remove(_map.IdsOf(r.SubjectRef));
                _map.Remove(r.SubjectRef);
                break;
        }
        _dirty = true;
    }

    private async Task AppendAsync(ShardManifest manifest, ShardLogRecord record)
    {
        var frame = ShardLogCodec.Encode(record, Dimension);
        try
        {
            _logLength = await store.AppendAsync(Key, manifest.Epoch, _logLength, frame);
        }
        catch (Exception e)
        {
            // The append may or may not have landed: reload from storage on the next call rather than guess.
            DeactivateOnIdle();
            logger.LogError(e, "Shard {Shard}: log append failed", Key);
            throw new StorageUnavailableException($"Shard {Key}: storage did not acknowledge the write ({e.Message}); nothing from this call was acknowledged — resend it.");
        }
    }

    private ShardHit[] BestPerSubject(IVectorIndex index, ShardSearch search)
    {
        var count = (int)Math.Min(index.Count, int.MaxValue);
        var fetch = Math.Min(count, search.K * 2 + 16);
        while (true)
        {
            var hits = index.Search(search.Probe, fetch)[0];
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var best = new List<ShardHit>(search.K);
            var belowMin = false;
            for (var i = 0; i < hits.Count && best.Count < search.K; i++)
            {
                if (hits.Scores[i] < search.MinScore) { belowMin = true; break; }
                // Hits come best first, so a subject's first hit is its best template.
                if (_map.TryGetSubject(hits.Ids[i], out var subjectRef) && seen.Add(subjectRef))
                    best.Add(new ShardHit(subjectRef, hits.Scores[i]));
            }
            if (best.Count >= search.K || belowMin || hits.Count < fetch || fetch >= count)
                return best.ToArray();
            fetch = (int)Math.Min(count, fetch * 4L); // subjects with many templates crowded the list
        }
    }

    private (ShardManifest, IVectorIndex) RequireReady(string? modelId)
    {
        if (_manifest is null || _index is null)
            throw new GalleryNotFoundException($"Shard {Key} was never created: create its gallery first (gridctl gallery create).");
        if (modelId is not null && modelId != _manifest.Config.ModelId)
            throw new ModelMismatchException(
                $"Gallery {_manifest.Config.Gallery} holds templates of model '{_manifest.Config.ModelId}'; this request's templates come from '{modelId}'.");
        return (_manifest, _index);
    }
}
