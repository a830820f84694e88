using Grid.Faces.Pipeline;

namespace Grid.Client.Faces;

/// <summary>The outcome of choosing one face from a photo: the face, or the problem and a sentence saying why.</summary>
public sealed record FaceVerdict(DetectedFace? Face, FaceProblem? Problem, string Detail)
{
    public bool Accepted => Face is not null;

    /// <summary>The chosen face, or a <see cref="FaceSelectionException"/> carrying the detail and the photo's faces.</summary>
    public DetectedFace Require(string imagePath, IReadOnlyList<DetectedFace> faces) =>
        Face ?? throw new FaceSelectionException(imagePath, Problem!.Value, $"{imagePath}: {Detail}", FaceSummary.Of(faces));
}
