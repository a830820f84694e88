namespace Grid.Faces.Quality;

/// <summary>
/// Raw measures behind a <see cref="FaceQuality"/>. Pose angles are estimates from the 68 landmarks
/// (a few degrees of error, sign as seen in the photo); photometric measures are taken on the inner face of
/// the aligned 112×112 crop in grey levels 0–255. <see cref="LowerFaceContrastRatio"/> is the grey-level spread around the
/// mouth over that around the eyes: a scarf, mask or bar makes the mouth region flat.
/// </summary>
public sealed record FaceQualityMeasures(
    float Sharpness,
    float YawDegrees,
    float PitchDegrees,
    float RollDegrees,
    float Brightness,
    float Contrast,
    float ClippedShare,
    float DetectionScore,
    float LandmarkFitError,
    float LowerFaceContrastRatio)
{
    public static FaceQualityMeasures Unmeasured { get; } = new(float.NaN, 0, 0, 0, float.NaN, float.NaN, 0, 1, 0, float.NaN);
}
