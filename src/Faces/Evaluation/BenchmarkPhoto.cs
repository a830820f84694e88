namespace Grid.Faces.Evaluation;

/// <summary>An encoded photo to time the pipeline on.</summary>
public sealed record BenchmarkPhoto(string Name, byte[] Encoded);
