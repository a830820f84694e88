using Grid.Contracts.Galleries;

namespace Grid.Client;

public sealed record SiloInfo(string Address, string Status);

public sealed record GridStatus(SiloInfo[] Silos, GalleryStatus[] Galleries);
