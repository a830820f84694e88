namespace Grid.Client.Faces;

/// <summary>A search by photo, one search per face: each face's probe and candidates, and the faces left out with the reason.</summary>
public sealed record ImageSearchResult(string Path, IReadOnlyList<FaceSearchResult> Faces, IReadOnlyList<(int Index, string Reason)> Skipped);
