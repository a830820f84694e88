using Orleans.Concurrency;
namespace Grid.Contracts.Galleries;

/// <summary>The list of galleries in the grid [key <c>0</c>], for status and scope resolution.
/// Not on the search path: searches name their galleries.</summary>
public interface IGalleryCatalogGrain : IGrainWithIntegerKey
{
    /// <summary>Silo-internal: galleries register themselves when created.</summary>
    Task AddAsync(GalleryId gallery);

    /// <summary>Every gallery for the operator and silos; a force's user sees its own force's galleries only.</summary>
    [ReadOnly]
    Task<GalleryId[]> ListAsync();
}
