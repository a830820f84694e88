namespace Grid.Protocol.Galleries;

/// <summary>What a re-index request did: how many shards began building <see cref="To"/> (0 when every shard
/// already uses it), and a message. Progress per shard: <c>GET /galleries/{force}/{name}/status</c>.</summary>
public sealed record ReindexResult(GalleryId Gallery, string From, string To, int ShardsStarted, string Message);
