
namespace Grid.Contracts.Search;

/// <summary>Fans a probe out to every shard of the requested galleries, merges the top-k and reports
/// coverage. A stateless worker: one per silo core, never a singleton, so searches scale with silos.</summary>
public interface ISearchCoordinatorGrain : IGrainWithIntegerKey
{
    Task<SearchResponse> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default);
}
