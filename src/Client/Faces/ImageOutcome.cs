namespace Grid.Client.Faces;

/// <summary>What happened to one photo of an image enrolment.</summary>
public enum ImageOutcome
{
    Enrolled,
    NoFace,
    SeveralFaces,
    TooSmall,
    LowQuality,
    Unreadable,
}
