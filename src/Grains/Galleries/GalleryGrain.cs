using Grid.Contracts.Audit;
using Grid.Contracts.Errors;
using Grid.Contracts.Galleries;
using Grid.Contracts.Identity;
using Grid.Contracts.Review;
using Grid.Contracts.Templates;
using Grid.Grains.Security;
using Grid.Indexing;

namespace Grid.Grains.Galleries;

/// <summary>
/// A gallery's configuration and the router of its subjects to shards. Bad input is refused before any
/// shard sees a row, so a bad batch never half-enters a gallery.
/// </summary>
public sealed class GalleryGrain(
    [PersistentState("gallery", GridStorage.GrainStateStore)] IPersistentState<GalleryState> state,
    StateSeal seal,
    TimeProvider clock,
    Backup.ErasureList erasures)
    : Grain, IGalleryGrain
{
    private bool _trusted;

    private GalleryId Id => GalleryId.Parse(this.GetPrimaryKeyString());

    // Sealed configuration: one written outside the grid is refused and audited at the owner (StateSeal).
    public override async Task OnActivateAsync(CancellationToken cancellationToken) =>
        _trusted = await seal.CheckAsync(state, "gallery", this.GetPrimaryKeyString(),
            Contracts.Identity.ForceId.TryParse(ForceOfKey(), out var force) ? force : null, GrainFactory);

    private string ForceOfKey() => this.GetPrimaryKeyString().Split('/')[0];

    private void RequireTrusted()
    {
        if (!_trusted)
            throw new GridAccessDeniedException($"Gallery {this.GetPrimaryKeyString()}'s stored configuration fails its seal check (written outside the grid): refused.");
    }

    public async Task<GalleryInfo> CreateAsync(GalleryConfig config)
    {
        var id = Id;
        GalleryAccess.Require(id, Role.ForceAdmin, operatorAllowed: true);
        Validate(config);
        RequireTrusted();
        if (state.State.Info is { } existing)
        {
            if (existing.Config == config) return existing;
            throw new GalleryConflictException(
                $"Gallery {id} exists with engine {existing.Config.Engine}, {existing.Config.ShardCount} shards, model {existing.Config.ModelId}, category {existing.Config.Category}.");
        }
        // Shards first: a failure here leaves no gallery record, and a retry re-initialises idempotently.
        await Task.WhenAll(Enumerable.Range(0, config.ShardCount).Select(n =>
            Shard(n).InitializeAsync(new ShardConfig(id, n, config.Engine, config.ModelId))));
        var info = new GalleryInfo(id, config, clock.GetUtcNow());
        state.State.Info = info;
        await seal.WriteAsync(state, "gallery", id.Key);
        await GrainFactory.GetGrain<IGalleryCatalogGrain>(0).AddAsync(id);
        return info;
    }

    public Task<GalleryInfo?> GetAsync()
    {
        GalleryAccess.RequireReader(Id);
        RequireTrusted();
        return Task.FromResult(state.State.Info);
    }

    public async Task<EnrolResult> EnrolAsync(EnrolBatch batch, CancellationToken cancellationToken = default)
    {
        var info = RequireInfo();
        GalleryAccess.Require(info.Id, Role.Enroller);
        if (batch.ModelId != info.Config.ModelId)
            throw new ModelMismatchException(
                $"Gallery {info.Id} holds templates of model '{info.Config.ModelId}'; these come from '{batch.ModelId}'. Re-create them with the gallery's model.");
        if (batch.Count == 0) return EnrolResult.None;
        // Stored in Unicode NFC, so the ref that is displayed is the ref that removal matches.
        var subjectRefs = new string[batch.Count];
        for (var i = 0; i < batch.Count; i++) subjectRefs[i] = SubjectRefRules.Normalise(batch.SubjectRefs[i], i);
        batch = batch with { SubjectRefs = subjectRefs };
        var vectors = (float[])batch.Vectors.Clone(); // the batch is immutable and may be shared with the caller
        TemplateRules.ValidateAndNormalise(vectors, batch.Count);

        var perShard = Enumerable.Range(0, batch.Count)
            .GroupBy(i => ShardRouter.ShardOf(batch.SubjectRefs[i], info.Config.ShardCount));
        var results = await Task.WhenAll(perShard.Select(rows =>
        {
            var list = rows.ToArray();
            var refs = list.Select(i => batch.SubjectRefs[i]).ToArray();
            return Shard(rows.Key).EnrolAsync(new EnrolBatch(refs, TemplateRules.Gather(vectors, list), batch.ModelId), cancellationToken);
        }));
        var result = results.Aggregate(EnrolResult.None, (a, b) => a.Plus(b));
        await AuditAsync(info.Id, AuditKind.Enrolment, result.Added, $"{result.Added} templates added, {result.AlreadyPresent} already present");
        return result;
    }

    public async Task<int> RemoveAsync(string subjectRef)
    {
        var info = RequireInfo();
        GalleryAccess.Require(info.Id, Role.Enroller);
        subjectRef = SubjectRefRules.Normalise(subjectRef);
        // Listed first, so a restore of an older backup removes the subject again (Grains/Backup/ErasureList).
        await erasures.RecordAsync(info.Id, subjectRef);
        var removed = await Shard(ShardRouter.ShardOf(subjectRef, info.Config.ShardCount)).RemoveAsync(subjectRef);
        // The audit names how many templates went, never the subject: the log must not become a register of people.
        if (removed > 0) await AuditAsync(info.Id, AuditKind.Removal, removed, $"1 subject removed ({removed} templates)");
        // Removal really removes: the owner's reference image and core data go with the templates.
        await GrainFactory.GetGrain<ISubjectRecordGrain>(ReviewKeys.Subject(info.Id, subjectRef)).ForgetAsync();
        return removed;
    }

    public async Task<GalleryStatus> GetStatusAsync()
    {
        var info = RequireInfo();
        GalleryAccess.RequireReader(info.Id);
        var shards = await Task.WhenAll(Enumerable.Range(0, info.Config.ShardCount).Select(StatusOrUnavailableAsync));
        info = await AdoptFinishedReindexAsync(info, shards);
        return new GalleryStatus(info, shards, state.State.Reindex);
    }

    public async Task<ReindexResult> ReindexAsync(string engine)
    {
        var info = RequireInfo();
        GalleryAccess.Require(info.Id, Role.ForceAdmin, operatorAllowed: true);
        engine = (engine ?? "").Trim();
        try
        {
            VectorIndexFactory.Validate(engine, TemplateRules.Dimension);
        }
        catch (VectorIndexException e)
        {
            throw new EngineRefusedException(GridErrorCodes.UnknownEngine, e.Message);
        }
        var shards = await Task.WhenAll(Enumerable.Range(0, info.Config.ShardCount).Select(StatusOrUnavailableAsync));
        if (shards.FirstOrDefault(s => s.Engine is null) is { } down)
            throw new ForceSilosUnavailableException($"Shard {down.Key} cannot answer ({down.Note}); re-index once every shard is up (gridctl gallery status).");
        if (shards.FirstOrDefault(s => s.Reindex?.Running == true) is { } busy)
            throw new ReindexRunningException($"Shard {busy.Key} is still building {busy.Reindex!.Target} ({busy.Reindex.Done}/{busy.Reindex.Total} rows); wait for it to finish.");
        info = await AdoptFinishedReindexAsync(info, shards);
        var from = string.Join(",", shards.Select(s => s.Engine!).Distinct(StringComparer.Ordinal));
        var todo = Enumerable.Range(0, shards.Length).Where(n => shards[n].Engine != engine).ToArray();
        if (todo.Length == 0)
            return new ReindexResult(info.Id, from, engine, 0, $"Gallery {info.Id} already uses engine {engine} on every shard: nothing to do.");

        var actor = GridRequestContext.Principal?.ToString() ?? "silo";
        state.State.Reindex = new GalleryReindex(from, engine, actor, clock.GetUtcNow());
        await seal.WriteAsync(state, "gallery", info.Id.Key);
        await AuditNoteAsync(info.Id, actor, $"re-index of {todo.Length} of {shards.Length} shards from {from} to {engine} started");
        // Each shard builds on its own; one that refuses leaves the others building (each shard is whole either way).
        var started = await Task.WhenAll(todo.Select(async n =>
        {
            try
            {
                return (Started: await Shard(n).BeginReindexAsync(engine), Error: (Exception?)null);
            }
            catch (Exception e)
            {
                return (Started: false, Error: e);
            }
        }));
        if (started.FirstOrDefault(s => s.Error is not null).Error is { } error && !started.Any(s => s.Started))
        {
            state.State.Reindex = null;
            await seal.WriteAsync(state, "gallery", info.Id.Key);
            await AuditNoteAsync(info.Id, actor, $"re-index from {from} to {engine} refused: {error.Message}");
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(error).Throw();
        }
        var count = started.Count(s => s.Started);
        var failed = started.Count(s => s.Error is not null);
        return new ReindexResult(info.Id, from, engine, count,
            $"{count} shard(s) building {engine} while {from} keeps serving" + (failed > 0 ? $"; {failed} refused (see gridctl gallery status)" : "") + ".");
    }

    /// <summary>Once every shard serves the re-index's engine, the gallery's configuration names it (and the audit
    /// says so); until then the configuration keeps the engine it had.</summary>
    private async Task<GalleryInfo> AdoptFinishedReindexAsync(GalleryInfo info, ShardStatus[] shards)
    {
        if (shards.Any(s => s.Engine is null || s.Reindex?.Running == true)) return info;
        var engines = shards.Select(s => s.Engine!).Distinct(StringComparer.Ordinal).ToArray();
        if (engines.Length != 1 || (engines[0] == info.Config.Engine && state.State.Reindex is null)) return info;
        var asked = state.State.Reindex;
        if (engines[0] != info.Config.Engine)
        {
            info = info with { Config = info.Config with { Engine = engines[0] } };
            state.State.Info = info;
        }
        state.State.Reindex = null;
        await seal.WriteAsync(state, "gallery", info.Id.Key);
        await AuditNoteAsync(info.Id, asked?.RequestedBy ?? "silo",
            $"re-index finished: every shard now uses {engines[0]}" + (asked is null ? "" : $" (from {asked.From}, asked at {asked.StartedAt:O})"));
        return info;
    }

    private Task AuditNoteAsync(GalleryId id, string actor, string detail) =>
        GrainFactory.GetGrain<IAuditLogGrain>(id.Force).AppendAsync(new AuditEvent(AuditKind.EngineChange, actor, null, null, null, [id], [], 0, detail));

    /// <summary>A shard that cannot answer (its force's silos are down, its silo just died) is reported, not thrown.</summary>
    private async Task<ShardStatus> StatusOrUnavailableAsync(int n)
    {
        try
        {
            return await Shard(n).GetStatusAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception e)
        {
            return new ShardStatus(ShardKeys.For(Id, n), 0, 0, 0, Unavailable, $"unavailable: {e.Message}");
        }
    }

    private Task AuditAsync(GalleryId id, AuditKind kind, int count, string detail) =>
        GrainFactory.GetGrain<IAuditLogGrain>(id.Force).AppendAsync(new AuditEvent(
            kind, GridRequestContext.Principal?.ToString() ?? "silo", null, null, null, [id], [id], count, detail));

    public Task SnapshotAsync()
    {
        var info = RequireInfo();
        GalleryAccess.Require(info.Id, Role.ForceAdmin, operatorAllowed: true);
        return Task.WhenAll(Enumerable.Range(0, info.Config.ShardCount).Select(n => Shard(n).SnapshotAsync()));
    }

    public async Task<int> RebalanceAsync()
    {
        var info = RequireInfo();
        GalleryAccess.Require(info.Id, Role.ForceAdmin, operatorAllowed: true);
        var shards = Enumerable.Range(0, info.Config.ShardCount).ToArray();
        var before = await Task.WhenAll(shards.Select(StatusOrUnavailableAsync));
        // A misplaced shard migrates (Orleans activates it on the hinted silo as the old activation goes); touching it
        // afterwards waits for that. A shard that was busy migrates once idle: a few rounds let it finish.
        for (var round = 0; round < MaxRebalanceRounds; round++)
        {
            var moving = await Task.WhenAll(shards.Select(n => Shard(n).MoveIfMisplacedAsync()));
            if (!moving.Any(m => m)) break;
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            await Task.WhenAll(shards.Where(n => moving[n]).Select(StatusOrUnavailableAsync));
        }
        var after = await Task.WhenAll(shards.Select(SettledStatusAsync));
        // Only a shard seen on a silo before and on another after moved; one that did not answer is not counted.
        return shards.Count(n => IsPlaced(before[n]) && IsPlaced(after[n]) && after[n].Silo != before[n].Silo);
    }

    private const int MaxRebalanceRounds = 5;

    /// <summary>A moved shard activating on a cold, loaded silo can miss one status read's 10 s: ask it a few times.</summary>
    private async Task<ShardStatus> SettledStatusAsync(int n)
    {
        var status = await StatusOrUnavailableAsync(n);
        for (var attempt = 1; attempt < 3 && !IsPlaced(status); attempt++) status = await StatusOrUnavailableAsync(n);
        return status;
    }

    private static bool IsPlaced(ShardStatus status) => status.Silo != Unavailable;

    private const string Unavailable = "unavailable";

    private GalleryInfo RequireInfo() => (_trusted ? state.State.Info : throw new GridAccessDeniedException(
            $"Gallery {this.GetPrimaryKeyString()}'s stored configuration fails its seal check (written outside the grid): refused."))
        ?? throw new GalleryNotFoundException($"Gallery {this.GetPrimaryKeyString()} does not exist: create it with `gridctl gallery create {this.GetPrimaryKeyString()}`.");

    private IGalleryShardGrain Shard(int n) => GrainFactory.GetGrain<IGalleryShardGrain>(ShardKeys.For(Id, n));

    private static void Validate(GalleryConfig config)
    {
        try
        {
            VectorIndexFactory.Validate(config.Engine);
        }
        catch (VectorIndexException e)
        {
            throw new ArgumentException(e.Message);
        }
        if (config.ShardCount is < 1 or > GalleryConfig.MaxShards)
            throw new ArgumentException($"A gallery has 1 to {GalleryConfig.MaxShards} shards, not {config.ShardCount}.");
        if (string.IsNullOrWhiteSpace(config.ModelId))
            throw new ArgumentException("A gallery needs the id of the face model its templates come from.");
        if (!Enum.IsDefined(config.Category))
            throw new ArgumentException($"Unknown subject category {config.Category}.");
    }
}
