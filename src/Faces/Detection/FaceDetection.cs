namespace Grid.Faces.Detection;

/// <summary>One face found by the detector, before landmarks.</summary>
public sealed record FaceDetection(FaceBox Box, float Score);
