using Grid.Contracts.Galleries;
using Grid.Contracts.Sharing;

namespace Grid.Grains.Sharing;

/// <summary>A gallery the search may read, under which agreement (null: the caller's own) and with what caps.</summary>
public sealed record GalleryGrant(GalleryId Gallery, AgreementKey? Agreement, int AgreementVersion, SearchCaps Caps)
{
    public bool IsOwn => Agreement is null;
}
