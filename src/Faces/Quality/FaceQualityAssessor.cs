using Grid.Faces.Alignment;
using Grid.Faces.Imaging;
using Grid.Faces.Landmarks;

namespace Grid.Faces.Quality;

/// <summary>
/// Scores a face from what the pipeline already has: the detector score, the 68 landmarks, the similarity
/// that aligns them and the aligned crop. Each component maps a measure to 0–100 with a linear ramp whose
/// ends were set on faces-dev and its degraded variants (docs/FACES.md, "Quality"); the score is their
/// weighted geometric mean, so one very poor component pulls it down hard but not to zero alone.
/// </summary>
public static class FaceQualityAssessor
{
    // The inner face of the aligned crop: brows to chin, cheek to cheek (background and hair excluded).
    private const int InnerLeft = 24, InnerRight = 88, InnerTop = 36, InnerBottom = 104;

    // Frontal nose height between the eye line and the mouth line on the ArcFace reference.
    private const float FrontalNoseRatio = (71.7366f - 51.6f) / (92.285f - 51.6f);

    // Nose-tip protrusion as a share of the eye-to-mouth height, for the pitch estimate.
    private const float NoseDepthRatio = 0.55f;

    private static readonly (string Name, double Weight)[] Weights =
        [("size", 0.2), ("sharpness", 0.25), ("pose", 0.2), ("illumination", 0.15), ("occlusion", 0.2)];

    public static FaceQuality Assess(float faceHeight, float detectionScore, FaceLandmarks landmarks, SimilarityTransform photoToCrop, RgbImage alignedCrop)
    {
        var crop = landmarks.Points.Select(photoToCrop.Apply).ToArray();
        var eyes = landmarks.InterEyeDistance;
        var (brightness, contrast, clipped) = Photometry(alignedCrop);
        var measures = new FaceQualityMeasures(
            Sharpness: LaplacianVariance(alignedCrop),
            YawDegrees: Yaw(crop),
            PitchDegrees: Pitch(crop),
            RollDegrees: Roll(landmarks),
            Brightness: brightness,
            Contrast: contrast,
            ClippedShare: clipped,
            DetectionScore: detectionScore,
            LandmarkFitError: FitError(landmarks, photoToCrop),
            LowerFaceContrastRatio: LowerFaceContrastRatio(alignedCrop));
        var components = Components(eyes, measures);
        return new FaceQuality(faceHeight, eyes, measures, components, Combine(components));
    }

    public static FaceQualityComponents Components(float interEyePixels, FaceQualityMeasures m)
    {
        // Size: the crop puts the eyes 35 px apart; a face at or above that loses nothing, at 10 px almost everything.
        var size = Ramp(interEyePixels, 10, 35);
        // Sharpness: variance of the Laplacian of the inner face, on a log scale.
        var sharpness = Ramp(MathF.Log10(Math.Max(m.Sharpness, 1e-3f)), MathF.Log10(15), MathF.Log10(120));
        // Pose: the model copes with moderate yaw and pitch; roll is undone by the alignment, so only extremes count.
        var pose = Math.Min(Math.Min(Ramp(-Math.Abs(m.YawDegrees), -60, -15), Ramp(-Math.Abs(m.PitchDegrees), -45, -15)), Ramp(-Math.Abs(m.RollDegrees), -75, -30));
        // Illumination: exposure of the face, its contrast and the share of clipped pixels.
        var exposure = Math.Min(Ramp(m.Brightness, 20, 60), Ramp(-m.Brightness, -240, -200));
        var illumination = Math.Min(Math.Min(exposure, Ramp(m.Contrast, 8, 25)), Ramp(-m.ClippedShare, -0.5f, -0.1f));
        // Occlusion proxy: a covered face lowers the detector's confidence, bends the landmarks off a face's shape, or
        // (a mask, scarf or bar) leaves the mouth region flat next to the eyes.
        var occlusion = Math.Min(Math.Min(Ramp(m.DetectionScore, 0.9f, 0.99f), Ramp(-m.LandmarkFitError, -9, -4)), Ramp(m.LowerFaceContrastRatio, 0.08f, 0.25f));
        return new FaceQualityComponents(size, sharpness, pose, illumination, occlusion);
    }

    public static int Combine(FaceQualityComponents c)
    {
        var values = c.All().ToDictionary(x => x.Name, x => x.Value);
        var log = Weights.Sum(w => w.Weight * Math.Log(Math.Max(values[w.Name], 1) / 100.0));
        return (int)Math.Round(100 * Math.Exp(log));
    }

    /// <summary>0 at or below <paramref name="zero"/>, 100 at or above <paramref name="full"/>, linear between.</summary>
    private static int Ramp(float value, float zero, float full) =>
        float.IsNaN(value) ? 100 : (int)Math.Round(100 * Math.Clamp((value - zero) / (full - zero), 0, 1));

    private static float Yaw(FacePoint[] p)
    {
        // Nose tip against the jaw outline at eye height, in the roll-free crop frame.
        var left = p[30].X - ((p[0].X + p[1].X) / 2);
        var right = ((p[15].X + p[16].X) / 2) - p[30].X;
        var ratio = (left - right) / Math.Max(left + right, 1e-3f);
        return MathF.Asin(Math.Clamp(ratio, -1, 1)) * 180 / MathF.PI;
    }

    private static float Pitch(FacePoint[] p)
    {
        var eyeY = (p[37].Y + p[38].Y + p[40].Y + p[41].Y + p[43].Y + p[44].Y + p[46].Y + p[47].Y) / 8;
        var mouthY = (p[48].Y + p[54].Y + p[60].Y + p[64].Y) / 4;
        var ratio = (p[30].Y - eyeY) / Math.Max(mouthY - eyeY, 1e-3f);
        return MathF.Asin(Math.Clamp((ratio - FrontalNoseRatio) / NoseDepthRatio, -1, 1)) * 180 / MathF.PI;
    }

    private static float Roll(FaceLandmarks landmarks)
    {
        var l = landmarks.LeftEyeCentre;
        var r = landmarks.RightEyeCentre;
        return MathF.Atan2(r.Y - l.Y, r.X - l.X) * 180 / MathF.PI;
    }

    /// <summary>RMS distance, in aligned-crop pixels, of the five alignment points from the reference after the fit.</summary>
    private static float FitError(FaceLandmarks landmarks, SimilarityTransform photoToCrop)
    {
        var five = landmarks.FivePoints;
        var sum = 0f;
        for (var i = 0; i < five.Count; i++)
        {
            var d = photoToCrop.Apply(five[i]).DistanceTo(ArcFaceReference.FivePoints[i]);
            sum += d * d;
        }
        return MathF.Sqrt(sum / five.Count);
    }

    /// <summary>Grey-level spread of the mouth region over that of the eye region of an aligned crop (a covered mouth is flat).</summary>
    internal static float LowerFaceContrastRatio(RgbImage alignedCrop) =>
        Deviation(alignedCrop, 38, 74, 84, 102) / Math.Max(Deviation(alignedCrop, 28, 84, 40, 62), 1f);

    private static float Grey(RgbImage image, int x, int y)
    {
        var o = image.OffsetOf(x, y);
        return (0.299f * image.Pixels[o]) + (0.587f * image.Pixels[o + 1]) + (0.114f * image.Pixels[o + 2]);
    }

    internal static float LaplacianVariance(RgbImage crop)
    {
        double sum = 0, squares = 0;
        var n = 0;
        for (var y = InnerTop; y < InnerBottom; y++)
        {
            for (var x = InnerLeft; x < InnerRight; x++)
            {
                var l = Grey(crop, x - 1, y) + Grey(crop, x + 1, y) + Grey(crop, x, y - 1) + Grey(crop, x, y + 1) - (4 * Grey(crop, x, y));
                sum += l;
                squares += l * l;
                n++;
            }
        }
        var mean = sum / n;
        return (float)((squares / n) - (mean * mean));
    }

    private static float Deviation(RgbImage crop, int left, int right, int top, int bottom)
    {
        double sum = 0, squares = 0;
        var n = 0;
        for (var y = top; y < bottom; y++)
        {
            for (var x = left; x < right; x++)
            {
                var g = Grey(crop, x, y);
                sum += g;
                squares += g * g;
                n++;
            }
        }
        var mean = sum / n;
        return (float)Math.Sqrt(Math.Max(0, (squares / n) - (mean * mean)));
    }

    private static (float Mean, float Deviation, float Clipped) Photometry(RgbImage crop)
    {
        double sum = 0, squares = 0;
        int n = 0, clipped = 0;
        for (var y = InnerTop; y < InnerBottom; y++)
        {
            for (var x = InnerLeft; x < InnerRight; x++)
            {
                var g = Grey(crop, x, y);
                sum += g;
                squares += g * g;
                clipped += g <= 5 || g >= 250 ? 1 : 0;
                n++;
            }
        }
        var mean = sum / n;
        return ((float)mean, (float)Math.Sqrt(Math.Max(0, (squares / n) - (mean * mean))), (float)clipped / n);
    }
}
