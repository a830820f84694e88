using Grid.Contracts.Galleries;

namespace Grid.Grains.Galleries;

public sealed class GalleryCatalogGrain(
    [PersistentState("catalog", GridStorage.GrainStateStore)] IPersistentState<GalleryCatalogState> state)
    : Grain, IGalleryCatalogGrain
{
    public async Task AddAsync(GalleryId gallery)
    {
        if (state.State.Galleries.Contains(gallery)) return;
        state.State.Galleries.Add(gallery);
        await state.WriteStateAsync();
    }

    public Task<GalleryId[]> ListAsync() => Task.FromResult(state.State.Galleries.ToArray());
}
