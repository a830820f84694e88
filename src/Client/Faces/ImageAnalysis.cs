using Grid.Faces.Pipeline;

namespace Grid.Client.Faces;

/// <summary>One photo through the local face pipeline: its faces, or why it could not be read.
/// <see cref="ErrorReason"/> is an <c>ImageRejectionReason</c> name, or <c>Unreadable</c> for file system errors.</summary>
public sealed record ImageAnalysis(string Path, IReadOnlyList<DetectedFace> Faces, string? ErrorReason, string? ErrorMessage)
{
    public const string UnreadableReason = "Unreadable";

    public bool Failed => ErrorReason is not null;
}
