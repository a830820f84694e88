using Grid.Contracts.Galleries;
using Grid.Contracts.Identity;
using Grid.Contracts.Search;
using Grid.Contracts.Sharing;

namespace Grid.Grains.Search;

/// <summary>What one search may touch, decided before fan-out: per owner force, the galleries granted and the
/// ticket that proves it (none for the caller's own galleries), and the galleries refused with the reason.</summary>
public sealed class SearchScope
{
    public List<(GalleryInfo Gallery, SearchTicket? Ticket)> Granted { get; } = [];
    public List<SearchRefusal> Refused { get; } = [];

    public IEnumerable<ForceId> Owners => Granted.Select(g => g.Gallery.Id.Force)
        .Concat(Refused.Select(r => r.Gallery.Force)).Distinct();
}
