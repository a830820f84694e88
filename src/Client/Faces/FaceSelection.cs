using System.Globalization;
using Grid.Faces.Pipeline;
using Grid.Faces.Quality;

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

    /// <summary>
    /// Quality floor (0–100) for enrolment and probes: every clean faces-dev main face scores 30 or more (the lowest are
    /// profiles turned 60°+), while the harder set's blurred faces average 30 and its worst fall to single digits.
    /// </summary>
    public const int DefaultMinQuality = 25;

    /// <summary>A subject photo must show exactly one face, large enough and of at least <paramref name="minQuality"/> quality.</summary>
    public static FaceVerdict ForEnrolment(IReadOnlyList<DetectedFace> faces, float minInterEyePixels = DefaultMinInterEyePixels, int minQuality = DefaultMinQuality)
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
        if (faces[0].Quality.Score < minQuality)
        {
            return new FaceVerdict(null, FaceProblem.LowQuality, LowQualityDetail(faces[0].Quality, minQuality) + "; enrol a sharper, frontal, evenly lit photo.");
        }
        return new FaceVerdict(faces[0], null, "one face");
    }

    /// <summary>
    /// The probe faces of a search by photo: every face, or those listed in <paramref name="faceIndices"/>, less those below
    /// <paramref name="minQuality"/> (reported in <see cref="ProbeFaces.Skipped"/>). Refused when the photo has no face, an
    /// index is out of range, or every chosen face is below the floor.
    /// </summary>
    public static ProbeFaces ForProbes(IReadOnlyList<DetectedFace> faces, IReadOnlyList<int>? faceIndices, int minQuality = DefaultMinQuality)
    {
        if (faces.Count == 0)
        {
            return ProbeFaces.Refused(FaceProblem.NoFace, "no face found; a probe image must show a face.");
        }
        var wanted = faceIndices is { Count: > 0 } ? faceIndices.Distinct().ToList() : Enumerable.Range(0, faces.Count).ToList();
        var outside = wanted.Where(i => i < 0 || i >= faces.Count).ToList();
        if (outside.Count > 0)
        {
            return ProbeFaces.Refused(FaceProblem.NoSuchFace,
                $"there is no face {outside[0]}: the image has {faces.Count} face(s), indexed 0 to {faces.Count - 1}:{List(faces)}");
        }
        var chosen = wanted.Where(i => faces[i].Quality.Score >= minQuality).Select(i => (i, faces[i])).ToList();
        var skipped = wanted.Where(i => faces[i].Quality.Score < minQuality)
            .Select(i => (i, $"face {i}: {LowQualityDetail(faces[i].Quality, minQuality)}")).ToList();
        if (chosen.Count == 0)
        {
            return ProbeFaces.Refused(FaceProblem.LowQuality, "every face is below the quality floor:" + string.Concat(skipped.Select(s => "\n  " + s.Item2)));
        }
        return new ProbeFaces(chosen, skipped, null, null);
    }

    /// <summary>E.g. <c>face quality 18/100 is below the floor of 25 (weakest: sharpness 0; size 90, sharpness 0, ...)</c>.</summary>
    public static string LowQualityDetail(FaceQuality quality, int minQuality)
    {
        var (name, value) = quality.Components.Weakest();
        return string.Create(CultureInfo.InvariantCulture,
            $"face quality {quality.Score}/100 is below the floor of {minQuality} (weakest: {name} {value}; {string.Join(", ", quality.Components.All().Select(c => $"{c.Name} {c.Value}"))})");
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
