using Grid.Contracts.Errors;
using Grid.Contracts.Galleries;
using Grid.Contracts.Identity;
using Grid.Contracts.Search;
using Grid.Grains.Diagnostics;
using Grid.Grains.Placement;
using Grid.Grains.Sharing;
using Grid.Grains.Storage;
using Grid.Indexing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime.Placement;

namespace Grid.Grains.Galleries;

/// <summary>
/// One partition of a gallery: checks access, then orchestrates a <see cref="ShardState"/> (the data) and an
/// <see cref="IShardJournal"/> (its durable history). A change is appended to the journal before it is applied
/// and acknowledged; activation opens the journal. Concurrent searches share passes over the index
/// (<see cref="ShardSearchBatcher"/>) on the silo's scan threads (<see cref="ScanScheduler"/>), so a long scan never
/// holds the thread pool that Orleans and the API run on;
/// enrolments are not read-only, so Orleans never interleaves them with a running search.
/// </summary>
[ForcePinnedPlacement] // on its force's own silos when it runs any (Grains/Placement)
public sealed class GalleryShardGrain(
    IShardJournalFactory journals,
    IOptions<GridStorageOptions> options,
    ILocalSiloDetails silo,
    ShardAccessCheck access,
    TimeProvider clock,
    ShardRelocation relocation,
    IOptions<ShardSearchOptions> searchOptions,
    ScanScheduler scanScheduler,
    ReindexEngines engines,
    ILogger<GalleryShardGrain> logger,
    GridMetrics? metrics = null)
    : Grain, IGalleryShardGrain
{
    private IShardJournal _journal = null!;
    private ShardState? _state;
    private ShardSearchBatcher _batcher = null!;
    private ShardReindex? _reindex;
    private ShardReindexStatus? _lastReindex;
    private IGrainTimer? _reindexTimer;

    /// <summary>How often a running re-index is checked for completion (the swap needs an exclusive turn).</summary>
    private static readonly TimeSpan ReindexPoll = TimeSpan.FromMilliseconds(250);

    private string Key => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _journal = journals.Create(Key);
        _state = await _journal.OpenAsync();
        _batcher = new ShardSearchBatcher(queries => _state!.SearchBatch(queries), searchOptions.Value, clock, metrics, scanScheduler);
        var every = options.Value.SnapshotInterval;
        this.RegisterGrainTimer(_ => CheckpointIfDirtyAsync(), every, every);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        try
        {
            await CheckpointIfDirtyAsync();
        }
        catch (Exception e)
        {
            // The log already holds every acknowledged change; a missed snapshot only lengthens the next replay.
            logger.LogWarning(e, "Shard {Shard}: snapshot on deactivation failed; the log remains authoritative", Key);
        }
        await AbandonReindexAsync("the shard deactivated during the build; run the re-index again");
        _state?.Dispose();
    }

    public async Task InitializeAsync(ShardConfig config)
    {
        GridRequestContext.RequireInternalCall();
        if (config.Key != Key) throw new ArgumentException($"Shard config for {config.Key} sent to shard {Key}.");
        if (_journal.Config is { } existing)
        {
            if (existing != config)
                throw new GalleryConflictException($"Shard {Key} exists with engine {existing.Engine} and model {existing.ModelId}.");
            return;
        }
        _state = await _journal.CreateAsync(config);
    }

    public async Task<EnrolResult> EnrolAsync(EnrolBatch batch, CancellationToken cancellationToken = default)
    {
        GridRequestContext.RequireInternalCall();
        var (_, state) = RequireReady(batch.ModelId);
        var record = state.PlanEnrolment(batch.SubjectRefs, batch.Vectors);
        if (record is not null) await AppendAsync(record, state);
        if (_journal.IsCheckpointDue) await _journal.CheckpointAsync(state);
        var fresh = record?.Ids.Length ?? 0;
        return new EnrolResult(fresh, batch.Count - fresh);
    }

    public async Task<int> RemoveAsync(string subjectRef)
    {
        GridRequestContext.RequireInternalCall();
        var (_, state) = RequireReady(modelId: null);
        if (state.PlanRemoval(subjectRef) is not var (record, templates)) return 0;
        await AppendAsync(record, state);
        return templates;
    }

    public async Task<ShardHit[]> SearchAsync(ShardSearch search, CancellationToken cancellationToken = default)
    {
        var (config, state) = RequireReady(search.ModelId);
        using var span = SearchTelemetry.StartShardScan(config);
        // The shard's own check, independent of the coordinator's: the caller's principal (set by the silo's
        // filter), a complete purpose, and for a partner's gallery a valid ticket signed by the agreement.
        var decision = access.Check(config.Gallery, GridRequestContext.Principal, search.Purpose, search.Ticket, clock.GetUtcNow());
        if (!decision.Allowed)
        {
            await access.AuditRefusalAsync(GrainFactory, config.Gallery, GridRequestContext.Principal, search.Purpose, decision.Reason);
            throw new GridAccessDeniedException($"Shard {Key} refused the search: {decision.Reason}");
        }
        var k = Math.Min(search.K, decision.Caps.MaxCandidates);
        var minScore = Math.Max(search.MinScore, decision.Caps.MinScore);
        if (state.Count == 0) return [];
        // Joins the next pass over the index; the pass reads the map, so this request waits for it to end.
        return await _batcher.SearchAsync(state.Query(search.Probe, k, minScore), cancellationToken);
    }

    public Task<ShardStatus> GetStatusAsync() => GridRequestContext.IsInternalCall
        ? Task.FromResult(new ShardStatus(Key, _state?.Index.Count ?? 0, _state?.Map.Subjects ?? 0,
            (_state?.MemoryBytes ?? 0) + (_reindex?.BuildingBytes ?? 0),
            silo.SiloAddress.ToString(), _journal.Config is null ? "not created" : _state?.Index.TrainingNote,
            _journal.Config is null ? null : _state?.Index.Spec, RunningReindexStatus() ?? _lastReindex))
        : throw new GridAccessDeniedException("Only silos may read a shard's status; ask its gallery.");

    /// <summary>A re-index runs until its swap turn has run, even once its build has finished: a status read in that
    /// window must not look like a build that ended without swapping.</summary>
    private ShardReindexStatus? RunningReindexStatus() => _reindex?.Status is { } status ? status with { Running = true, Error = null } : null;

    public Task<bool> BeginReindexAsync(string engine)
    {
        GridRequestContext.RequireInternalCall();
        var (_, state) = RequireReady(modelId: null);
        if (_reindex is not null)
            throw new ReindexRunningException($"Shard {Key} is already building engine {_reindex.Engine}; wait for it to finish (gridctl gallery status).");
        if (state.Index.Spec.Equals(engine, StringComparison.Ordinal)) return Task.FromResult(false);
        // Started in this exclusive turn: no change runs while the build takes its list of rows.
        _reindex = ShardReindex.Start(state.Index, engine, engines);
        _lastReindex = null;
        state.Reindex = _reindex;
        _reindexTimer = this.RegisterGrainTimer(FinishReindexAsync, new GrainTimerCreationOptions(ReindexPoll, ReindexPoll)
        {
            Interleave = false, // the swap must not run beside a search's pass or a change
            KeepAlive = true,
        });
        logger.LogInformation("Shard {Shard}: re-index from {From} to {To} started ({Rows} rows)", Key, _reindex.From, engine, state.Index.Count);
        return Task.FromResult(true);
    }

    /// <summary>
    /// Once the build is done: replays what arrived since, journals the engine change, swaps and snapshots, all in one
    /// exclusive turn (no search pass or change runs beside it). The journal record is durable before the swap, so a
    /// crash after it replays into the new engine; a failure before it leaves the old index serving, unchanged.
    /// </summary>
    private async Task FinishReindexAsync(CancellationToken cancellationToken)
    {
        if (_reindex is not { Build.IsCompleted: true } reindex || _state is not { } state) return;
        StopReindexTimer();
        state.Reindex = null;
        _reindex = null;
        _lastReindex = reindex.Status;
        IVectorIndex built;
        try
        {
            await reindex.Build;
            built = await Task.Run(reindex.Complete, CancellationToken.None);
        }
        catch (Exception e)
        {
            reindex.Dispose();
            _lastReindex = _lastReindex with { Running = false, Error = e.GetBaseException().Message };
            logger.LogWarning(e, "Shard {Shard}: re-index to {To} failed; {From} keeps serving", Key, reindex.Engine, reindex.From);
            return;
        }
        try
        {
            await foreach (var _ in _journal.AppendAsync(new ShardLogRecord.EngineChanged(reindex.Engine))) { }
        }
        catch (StorageUnavailableException e)
        {
            built.Dispose();
            _lastReindex = _lastReindex with { Running = false, Error = e.Message };
            DeactivateOnIdle(); // the record may or may not have landed: reload from storage, which says which engine
            return;
        }
        state.ReplaceIndex(built);
        _lastReindex = _lastReindex with { Running = false, Done = _lastReindex.Total };
        logger.LogInformation("Shard {Shard}: now serving {To} (was {From}), {Count} templates", Key, reindex.Engine, reindex.From, state.Index.Count);
        try
        {
            await _journal.CheckpointAsync(state);
        }
        catch (Exception e)
        {
            // The engine change is in the log: a replay rebuilds the new engine from the rows (slower, same result).
            logger.LogWarning(e, "Shard {Shard}: snapshot after the re-index failed; the log holds the engine change", Key);
        }
    }

    private async Task AbandonReindexAsync(string why)
    {
        if (_reindex is not { } reindex) return;
        StopReindexTimer();
        reindex.Cancel();
        try
        {
            await reindex.Build;
        }
        catch (Exception)
        {
            // cancelled or failed: either way the new index is dropped and the old one stays
        }
        if (_state is not null) _state.Reindex = null;
        reindex.Dispose();
        _reindex = null;
        _lastReindex = new ShardReindexStatus(reindex.Engine, 0, 0, false, why);
    }

    private void StopReindexTimer()
    {
        _reindexTimer?.Dispose();
        _reindexTimer = null;
    }


    public Task SnapshotAsync() => !GridRequestContext.IsInternalCall
        ? throw new GridAccessDeniedException("Only silos may snapshot a shard.")
        : _state is null || _journal.Config is null ? Task.CompletedTask : _journal.CheckpointAsync(_state);

    /// <summary>
    /// Moves this shard with Orleans' own migration, hinted to the silo placement now prefers. The target is chosen
    /// here, by the silo that knows the shard is misplaced, and travels with the migration; a plain deactivation would
    /// leave the choice to whichever silo next calls the shard, whose view of the cluster may still lack the new silo,
    /// which is how shards used to re-activate on the silo they had just left.
    /// </summary>
    public async Task<bool> MoveIfMisplacedAsync()
    {
        GridRequestContext.RequireInternalCall();
        if (relocation.BetterSilo(this.GetGrainId().Type, Key, silo.SiloAddress) is not { } preferred) return false;
        await CheckpointIfDirtyAsync(); // the next activation then loads a snapshot, not a long log
        logger.LogInformation("Shard {Shard}: migrating from {From} to {To}", Key, silo.SiloAddress, preferred);
        RequestContext.Set(IPlacementDirector.PlacementHintKey, preferred);
        try
        {
            MigrateOnIdle(); // captures the request context, hint included
        }
        finally
        {
            RequestContext.Remove(IPlacementDirector.PlacementHintKey); // not for this call's reply or later calls
        }
        return true;
    }

    private Task CheckpointIfDirtyAsync() =>
        _journal.HasUncheckpointedRecords && _state is not null ? _journal.CheckpointAsync(_state) : Task.CompletedTask;

    /// <summary>Each part is durable before it is applied, in the order a replay applies it.</summary>
    private async Task AppendAsync(ShardLogRecord record, ShardState state)
    {
        try
        {
            await foreach (var part in _journal.AppendAsync(record))
                await Task.Run(() => state.Apply(part), CancellationToken.None);
        }
        catch (StorageUnavailableException)
        {
            DeactivateOnIdle(); // memory may now lag storage: reload from storage on the next call rather than guess
            throw;
        }
    }

    private (ShardConfig, ShardState) RequireReady(string? modelId)
    {
        if (_journal.Config is not { } config || _state is null)
            throw new GalleryNotFoundException($"Shard {Key} was never created: create its gallery first (gridctl gallery create).");
        if (modelId is not null && modelId != config.ModelId)
            throw new ModelMismatchException(
                $"Gallery {config.Gallery} holds templates of model '{config.ModelId}'; this request's templates come from '{modelId}'.");
        return (config, _state);
    }
}
