namespace Grid.Client.Faces;

/// <summary>
/// The faces of a probe photo a search will use (index in the photo, face), the faces left out with the reason, or
/// the <see cref="Problem"/> that refuses the photo as a probe.
/// </summary>
public sealed record ProbeFaces(
    IReadOnlyList<(int Index, Grid.Faces.Pipeline.DetectedFace Face)> Chosen,
    IReadOnlyList<(int Index, string Reason)> Skipped,
    FaceProblem? Problem,
    string? Detail)
{
    public bool Accepted => Problem is null;

    public static ProbeFaces Refused(FaceProblem problem, string detail) => new([], [], problem, detail);

    /// <summary>The chosen faces, or a <see cref="FaceSelectionException"/> carrying the reason and the photo's faces.</summary>
    public IReadOnlyList<(int Index, Grid.Faces.Pipeline.DetectedFace Face)> Require(string imagePath, IReadOnlyList<Grid.Faces.Pipeline.DetectedFace> faces) =>
        Accepted ? Chosen : throw new FaceSelectionException(imagePath, Problem!.Value, $"{imagePath}: {Detail}", FaceSummary.Of(faces));
}
