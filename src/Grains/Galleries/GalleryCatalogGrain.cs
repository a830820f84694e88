using Grid.Contracts.Galleries;
using Grid.Contracts.Identity;

namespace Grid.Grains.Galleries;

public sealed class GalleryCatalogGrain(
    [PersistentState("catalog", GridStorage.GrainStateStore)] IPersistentState<GalleryCatalogState> state)
    : Grain, IGalleryCatalogGrain
{
    public async Task AddAsync(GalleryId gallery)
    {
        GridRequestContext.RequireInternalCall();
        if (state.State.Galleries.Contains(gallery)) return;
        state.State.Galleries.Add(gallery);
        await state.WriteStateAsync();
    }

    public Task<GalleryId[]> ListAsync()
    {
        if (GridRequestContext.IsInternalCall || GridRequestContext.RequirePrincipal().IsOperator)
            return Task.FromResult(state.State.Galleries.ToArray());
        var force = GridRequestContext.RequirePrincipal().Force;
        return Task.FromResult(state.State.Galleries.Where(g => g.Force == force).ToArray());
    }
}
