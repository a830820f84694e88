using Orleans.Concurrency;
namespace Grid.Contracts.Galleries;

/// <summary>The list of galleries in the grid [key <c>0</c>], for status and scope resolution.
/// Not on the search path: searches name their galleries.</summary>
public interface IGalleryCatalogGrain : IGrainWithIntegerKey
{
    Task AddAsync(GalleryId gallery);

    [ReadOnly]
    Task<GalleryId[]> ListAsync();
}
