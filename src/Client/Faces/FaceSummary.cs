using System.Globalization;
using Grid.Faces.Detection;
using Grid.Faces.Pipeline;
using Grid.Faces.Quality;

namespace Grid.Client.Faces;

/// <summary>What a person needs to pick one face of a photo: its index (best detection first), where it is,
/// how sure the detector is and how big it is.</summary>
public sealed record FaceSummary(int Index, FaceBox Box, float Score, float FaceSizePixels, float InterEyeDistancePixels)
{
    /// <summary>The face's quality (score and components); null for summaries made without one.</summary>
    public FaceQuality? Quality { get; init; }

    public static FaceSummary From(DetectedFace face, int index) =>
        new(index, face.Box, face.DetectionScore, face.Quality.FaceSizePixels, face.Quality.InterEyeDistancePixels) { Quality = face.Quality };

    public static IReadOnlyList<FaceSummary> Of(IReadOnlyList<DetectedFace> faces) => faces.Select(From).ToList();

    /// <summary>One line, e.g. <c>face 1: box (12,30)-(140,180), score 0.998, 150 px high, 48 px between the eyes</c>.</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"face {Index}: box ({Box.Left:0},{Box.Top:0})-({Box.Right:0},{Box.Bottom:0}), score {Score:0.000}, {FaceSizePixels:0} px high, {InterEyeDistancePixels:0} px between the eyes{QualityText}");

    private string QualityText => Quality is { } q && !float.IsNaN(q.Measures.Sharpness)
        ? string.Create(CultureInfo.InvariantCulture, $", quality {q.Score}/100 (weakest: {q.Components.Weakest().Name} {q.Components.Weakest().Value})")
        : "";
}
