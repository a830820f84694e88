using Grid.Contracts.Errors;
using Grid.Contracts.Galleries;
using Grid.Contracts.Identity;
using Grid.Contracts.Search;
using Grid.Grains.Diagnostics;
using Grid.Grains.Placement;
using Grid.Grains.Sharing;
using Grid.Grains.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime.Placement;

namespace Grid.Grains.Galleries;

/// <summary>
/// One partition of a gallery: checks access, then orchestrates a <see cref="ShardState"/> (the data) and an
/// <see cref="IShardJournal"/> (its durable history). A change is appended to the journal before it is applied
/// and acknowledged; activation opens the journal. Concurrent searches share passes over the index
/// (<see cref="ShardSearchBatcher"/>) on the thread pool, so a long scan never holds the silo's scheduler;
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
    ILogger<GalleryShardGrain> logger,
    GridMetrics? metrics = null)
    : Grain, IGalleryShardGrain
{
    private IShardJournal _journal = null!;
    private ShardState? _state;
    private ShardSearchBatcher _batcher = null!;

    private string Key => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _journal = journals.Create(Key);
        _state = await _journal.OpenAsync();
        _batcher = new ShardSearchBatcher(queries => _state!.SearchBatch(queries), searchOptions.Value, clock, metrics);
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
        ? Task.FromResult(new ShardStatus(Key, _state?.Index.Count ?? 0, _state?.Map.Subjects ?? 0, _state?.MemoryBytes ?? 0,
            silo.SiloAddress.ToString(), _journal.Config is null ? "not created" : _state?.Index.TrainingNote))
        : throw new GridAccessDeniedException("Only silos may read a shard's status; ask its gallery.");

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
            this.MigrateOnIdle(); // captures the request context, hint included
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
