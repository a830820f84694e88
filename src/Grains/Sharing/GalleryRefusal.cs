using Grid.Contracts.Galleries;
using Grid.Contracts.Sharing;

namespace Grid.Grains.Sharing;

public sealed record GalleryRefusal(GalleryId Gallery, RefusalReason Reason, string Message);
