namespace Grid.Client.Faces;

/// <summary>A search started from a photo: which face was the probe, and the candidates for review.</summary>
public sealed record FaceSearchResult(ImageProbe Probe, TimedSearch Search);
