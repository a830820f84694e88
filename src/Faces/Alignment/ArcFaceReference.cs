using Grid.Faces.Landmarks;

namespace Grid.Faces.Alignment;

/// <summary>The standard ArcFace 112×112 template positions of the five alignment points.</summary>
public static class ArcFaceReference
{
    public const int Size = 112;

    public static IReadOnlyList<FacePoint> FivePoints { get; } =
    [
        new(38.2946f, 51.6963f),
        new(73.5318f, 51.5014f),
        new(56.0252f, 71.7366f),
        new(41.5493f, 92.3655f),
        new(70.7299f, 92.2041f),
    ];
}
