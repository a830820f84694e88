using System.Globalization;
using Grid.Faces.Pipeline;

namespace Grid.Portal.Search;

/// <summary>A detected face as the page draws it: an SVG rectangle in the photo's own pixel space (the SVG's viewBox),
/// so the box stays on the face however the browser scales the picture.</summary>
public sealed record FaceBoxView(int Index, float X, float Y, float Width, float Height, int Quality, float InterEyePixels)
{
    public static IReadOnlyList<FaceBoxView> Of(IReadOnlyList<DetectedFace> faces, int imageWidth, int imageHeight) =>
        faces.Select((f, i) =>
        {
            var left = Math.Clamp(f.Box.Left, 0, imageWidth);
            var top = Math.Clamp(f.Box.Top, 0, imageHeight);
            var right = Math.Clamp(f.Box.Right, 0, imageWidth);
            var bottom = Math.Clamp(f.Box.Bottom, 0, imageHeight);
            return new FaceBoxView(i, left, top, right - left, bottom - top, f.Quality.Score, f.Quality.InterEyeDistancePixels);
        }).ToList();

    /// <summary>Stroke width that stays visible on large photos.</summary>
    public static string Stroke(int imageWidth) => Num(Math.Max(2, imageWidth / 200f));

    /// <summary>SVG numbers are culture-invariant.</summary>
    public static string Num(float value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
