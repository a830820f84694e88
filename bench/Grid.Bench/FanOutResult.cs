namespace Grid.Bench;

/// <summary>One width of the wide fan-out run: the same templates in <paramref name="Shards"/> shards, one silo.</summary>
public sealed record FanOutResult(int Size, int Shards, string Gallery, double P50Ms, double P99Ms, double EnrolSeconds, double? Load);
