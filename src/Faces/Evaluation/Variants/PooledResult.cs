namespace Grid.Faces.Evaluation.Variants;

/// <summary>Every variant's pairs and rank-1 probes together.</summary>
public sealed record PooledResult(int GenuinePairs, int ImpostorPairs, OperatingPoint AtFar1Percent, OperatingPoint AtFar01Percent, int Rank1Probes, int Rank1Hits);
