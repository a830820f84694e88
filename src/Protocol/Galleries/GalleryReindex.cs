namespace Grid.Protocol.Galleries;

/// <summary>A re-index asked for and not yet finished on every shard: from which engine(s), to which, who asked, when.</summary>
public sealed record GalleryReindex(string From, string To, string RequestedBy, DateTimeOffset StartedAt);
