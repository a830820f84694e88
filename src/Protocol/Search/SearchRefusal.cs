using Grid.Protocol.Galleries;

namespace Grid.Protocol.Search;

/// <summary>A gallery the search named but may not see, and why; reported, not hidden.</summary>
public sealed record SearchRefusal(GalleryId Gallery, string Reason);
