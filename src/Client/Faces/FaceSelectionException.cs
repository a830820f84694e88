namespace Grid.Client.Faces;

/// <summary>
/// A photo's faces do not allow the requested enrolment or search. <see cref="Faces"/> lists what the
/// detector found so the caller can choose a face or a better photo. An <see cref="ArgumentException"/>
/// because the input, not the grid, is at fault.
/// </summary>
public sealed class FaceSelectionException(string imagePath, FaceProblem problem, string message, IReadOnlyList<FaceSummary> faces)
    : ArgumentException(message)
{
    public string ImagePath { get; } = imagePath;
    public FaceProblem Problem { get; } = problem;
    public IReadOnlyList<FaceSummary> Faces { get; } = faces;
}
