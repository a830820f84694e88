using Grid.Faces.Quality;

namespace Grid.Cli.Output;

/// <summary>A face's quality as JSON: the 0-100 score, each component and the raw measures.</summary>
public static class QualityJson
{
    public static object Of(FaceQuality q) => new
    {
        score = q.Score,
        components = q.Components,
        faceSizePixels = q.FaceSizePixels,
        interEyeDistancePixels = q.InterEyeDistancePixels,
        measures = q.Measures,
    };
}
