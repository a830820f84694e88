namespace Grid.Faces.Evaluation;

/// <summary>A verification threshold with its false accept rate and true accept rate.</summary>
public sealed record OperatingPoint(float Threshold, double FalseAcceptRate, double TrueAcceptRate);
