namespace Grid.Protocol.Galleries;

/// <summary>The silos (operator only; empty for others) and every gallery the caller may see, with its shards.</summary>
public sealed record GridStatus(SiloInfo[] Silos, GalleryStatus[] Galleries);
