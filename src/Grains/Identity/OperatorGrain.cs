using System.Collections.Immutable;
using Grid.Contracts.Galleries;
using Grid.Contracts.Identity;
using Grid.Grains.Security;

namespace Grid.Grains.Identity;

/// <summary>The operator's registry of forces [key: "grid"]. Not reentrant: a force is created once.</summary>
public sealed class OperatorGrain(
    [PersistentState("operator", "grid")] IPersistentState<OperatorState> state,
    StateSeal seal) : Grain, IOperatorGrain
{
    private const string GrainType = "operator";
    private bool _trusted;

    public override async Task OnActivateAsync(CancellationToken cancellationToken) =>
        _trusted = await seal.CheckAsync(state, GrainType, this.GetPrimaryKeyString(), null, GrainFactory);

    private Task WriteAsync() => seal.WriteAsync(state, GrainType, this.GetPrimaryKeyString());

    private void RequireTrusted()
    {
        if (!_trusted)
            throw new GridAccessDeniedException("The operator's registry fails its seal check (written outside the grid): refused.");
    }

    public async Task<ApiKeyIssued?> BootstrapAsync(string operatorUser)
    {
        // Only silo code that no user started (the host at first start) may mint the operator key.
        GridRequestContext.RequireInternalCall();
        if (GridRequestContext.Principal is not null)
        {
            throw new GridAccessDeniedException("The operator key is made by the silo host, not on a user's behalf.");
        }

        RequireTrusted();

        if (state.State.OperatorKeyId is not null)
        {
            return null;
        }

        var key = ApiKeyHasher.Create();
        var principal = Principal.Operator(string.IsNullOrWhiteSpace(operatorUser) ? "operator" : operatorUser);
        await GrainFactory.GetGrain<IApiKeyGrain>(key.KeyId).RegisterAsync(key.Hash, principal);
        state.State.OperatorKeyId = key.KeyId;
        await WriteAsync();
        return new ApiKeyIssued(key.KeyId, key.Key, principal);
    }

    public async Task<ApiKeyIssued> CreateForceAsync(ForceId force, string displayName, string adminUser)
    {
        GridRequestContext.RequireOperator();
        RequireTrusted();
        if (state.State.Forces.Contains(force.Value))
        {
            throw new InvalidOperationException($"{force} already exists.");
        }

        var issued = await GrainFactory.GetGrain<IForceGrain>(force.Value).InitialiseAsync(displayName, adminUser);
        state.State.Forces.Add(force.Value);
        await WriteAsync();
        return issued;
    }

    public async Task<ImmutableArray<ForceView>> ListForcesAsync()
    {
        GridRequestContext.RequireOperator();
        RequireTrusted();
        var views = await Task.WhenAll(state.State.Forces.Select(f => GrainFactory.GetGrain<IForceGrain>(f).GetAsync()));
        return [.. views];
    }

    public Task<ImmutableArray<ForceId>> ListMemberIdsAsync()
    {
        GridRequestContext.RequirePrincipal();
        RequireTrusted();
        return Task.FromResult(state.State.Forces.Select(ForceId.Parse).ToImmutableArray());
    }

    public async Task<int> AdoptRestoredForceAsync(ForceId force, ImmutableArray<GalleryId> galleries, ImmutableArray<SubjectErasure> erasures)
    {
        GridRequestContext.RequireOperator();
        RequireTrusted();
        // Reading the force activates it from the restored state: a state that fails its seal is refused right there.
        await GrainFactory.GetGrain<IForceGrain>(force.Value).GetAsync();
        foreach (var gallery in galleries)
        {
            if (gallery.Force != force) throw new ArgumentException($"Gallery {gallery} is not one of {force}'s.");
            await GrainFactory.GetGrain<IGalleryCatalogGrain>(0).AddAsync(gallery);
        }
        var removed = 0;
        foreach (var byGallery in erasures.Where(e => galleries.Contains(e.Gallery)).GroupBy(e => e.Gallery))
        {
            var info = await GrainFactory.GetGrain<IGalleryGrain>(byGallery.Key.Key).GetAsync();
            if (info is null) continue;
            foreach (var subjectRef in byGallery.Select(e => e.SubjectRef).Distinct(StringComparer.Ordinal))
            {
                var shard = ShardKeys.For(byGallery.Key, Galleries.ShardRouter.ShardOf(subjectRef, info.Config.ShardCount));
                removed += await GrainFactory.GetGrain<IGalleryShardGrain>(shard).RemoveAsync(subjectRef);
                await GrainFactory.GetGrain<Contracts.Review.ISubjectRecordGrain>(Contracts.Review.ReviewKeys.Subject(byGallery.Key, subjectRef)).ForgetAsync();
            }
        }
        if (!state.State.Forces.Contains(force.Value))
        {
            state.State.Forces.Add(force.Value);
            await WriteAsync();
        }
        return removed;
    }

    public Task DisableForceAsync(ForceId force)
    {
        GridRequestContext.RequireOperator();
        return state.State.Forces.Contains(force.Value)
            ? GrainFactory.GetGrain<IForceGrain>(force.Value).DisableAsync()
            : throw new KeyNotFoundException($"{force} is not a member force of the grid.");
    }
}
