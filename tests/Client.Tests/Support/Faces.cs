using Grid.Faces.Detection;
using Grid.Faces.Embedding;
using Grid.Faces.Landmarks;
using Grid.Faces.Models;
using Grid.Faces.Pipeline;
using Grid.Faces.Quality;

namespace Grid.Client.Tests.Support;

/// <summary>Detected faces made by hand, so the selection rules are tested without models or photos.</summary>
public static class Faces
{
    public static readonly ModelId Model = new("test-model@000000000000");

    /// <summary>A face with its box at (<paramref name="left"/>, <paramref name="top"/>) and the eyes
    /// <paramref name="eyes"/> px apart; the template is a unit vector along axis <paramref name="axis"/>.</summary>
    public static DetectedFace Make(float left, float top, float size, float eyes, float score = 0.99f, int axis = 0, int quality = 100)
    {
        var points = Enumerable.Range(0, FaceLandmarks.Count).Select(_ => new FacePoint(left + size / 2, top + size / 2)).ToArray();
        var vector = new float[FaceTemplate.Dimensions];
        vector[axis] = 1;
        return new DetectedFace(
            new FaceBox(left, top, left + size, top + size), score, new FaceLandmarks(points),
            FaceQuality.SizeOnly(size, eyes) with { Score = quality, Components = new FaceQualityComponents(100, quality, 100, 100, 100) }, new FaceTemplate(vector, Model));
    }
}
