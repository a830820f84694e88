namespace Grid.Protocol.Galleries;

/// <summary>Moves a gallery to another engine.</summary>
/// <param name="Engine"><c>exact</c>, <c>exact-int8[?rerank=float16|float32|codes]</c> or <c>faiss:FACTORY</c>.</param>
public sealed record ReindexRequest(string Engine);
