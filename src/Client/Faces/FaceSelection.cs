using System.Globalization;
using Grid.Faces.Pipeline;

namespace Grid.Client.Faces;

/// <summary>
/// Which face of a photo a request means. Plain functions of the detected faces, so the rules are
/// tested without models. Faces are indexed in the pipeline's order (best detection first).
/// </summary>
public static class FaceSelection
{
    /// <summary>
    /// The aligned 112×112 crop puts the eyes about 35 px apart; a face with fewer than 20 px between the eyes is
    /// upsampled nearly 2× into it and carries little detail. The FaceQuality note's 40 px is not the floor: the
    /// main faces of faces-dev's 250×250 LFW photos measure 31 px and up and still match at rank-1 1.00.
    /// </summary>
    public const float DefaultMinInterEyePixels = 20f;

    /// <summary>A subject photo must show exactly one face, large enough to give a reliable template.</summary>
    public static FaceVerdict ForEnrolment(IReadOnlyList<DetectedFace> faces, float minInterEyePixels = DefaultMinInterEyePixels)
    {
        if (faces.Count == 0)
        {
            return new FaceVerdict(null, FaceProblem.NoFace, "no face found; enrol photos that show the subject's face.");
        }
        if (faces.Count > 1)
        {
            return new FaceVerdict(null, FaceProblem.SeveralFaces,
                $"{faces.Count} faces found; a subject photo must show exactly one face (crop it to the subject):{List(faces)}");
        }
        var eyes = faces[0].Quality.InterEyeDistancePixels;
        if (eyes < minInterEyePixels)
        {
            return new FaceVerdict(null, FaceProblem.TooSmall, string.Create(CultureInfo.InvariantCulture,
                $"face too small: {eyes:0} px between the eyes, at least {minInterEyePixels:0} px are needed for a reliable template."));
        }
        return new FaceVerdict(faces[0], null, "one face");
    }

    /// <summary>
    /// The probe face of a search: the only face, or face <paramref name="faceIndex"/> when given. Several
    /// faces without an index are refused, listing them: searching the wrong person is worse than asking.
    /// </summary>
    public static FaceVerdict ForProbe(IReadOnlyList<DetectedFace> faces, int? faceIndex)
    {
        if (faces.Count == 0)
        {
            return new FaceVerdict(null, FaceProblem.NoFace, "no face found; a probe image must show a face.");
        }
        if (faceIndex is { } index)
        {
            return index >= 0 && index < faces.Count
                ? new FaceVerdict(faces[index], null, $"face {index} of {faces.Count}")
                : new FaceVerdict(null, FaceProblem.NoSuchFace,
                    $"there is no face {index}: the image has {faces.Count} face(s), indexed 0 to {faces.Count - 1}:{List(faces)}");
        }
        if (faces.Count > 1)
        {
            return new FaceVerdict(null, FaceProblem.SeveralFaces,
                $"{faces.Count} faces found; choose the probe face by its index (gridctl search ... --face I):{List(faces)}");
        }
        return new FaceVerdict(faces[0], null, "the only face");
    }

    private static string List(IReadOnlyList<DetectedFace> faces) =>
        string.Concat(FaceSummary.Of(faces).Select(f => "\n  " + f.Describe()));
}
