using Grid.Protocol.Search;

namespace Grid.Client;

/// <summary>A search response with the latency the client measured, from send to answer.</summary>
public sealed record TimedSearch(SearchResponse Response, double LatencyMs);
