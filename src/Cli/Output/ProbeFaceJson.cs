using Grid.Client.Faces;

namespace Grid.Cli.Output;

/// <summary>The probe face of a search by photo as JSON: index in the photo, box, detector score and quality with its components.</summary>
public static class ProbeFaceJson
{
    public static object? Of(ImageProbe? probe) => probe is null ? null : new
    {
        index = probe.FaceIndex,
        box = new { left = probe.Face.Box.Left, top = probe.Face.Box.Top, right = probe.Face.Box.Right, bottom = probe.Face.Box.Bottom },
        detectionScore = probe.Face.DetectionScore,
        quality = QualityJson.Of(probe.Face.Quality),
    };
}
