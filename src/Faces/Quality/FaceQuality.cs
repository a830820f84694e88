namespace Grid.Faces.Quality;

/// <summary>
/// How useful one detected face is for recognition: the measures, a 0–100 score per component and the
/// combined 0–100 <see cref="Score"/> (higher is better). Components follow ISO/IEC 29794-5's groups
/// (docs/FACES.md maps each): size, sharpness, pose, illumination, occlusion.
/// </summary>
public sealed record FaceQuality(
    float FaceSizePixels,
    float InterEyeDistancePixels,
    FaceQualityMeasures Measures,
    FaceQualityComponents Components,
    int Score)
{
    /// <summary>Only the size measures, every component at 100: for faces made by hand in tests and tools.</summary>
    public static FaceQuality SizeOnly(float faceSizePixels, float interEyeDistancePixels) => new(
        faceSizePixels, interEyeDistancePixels, FaceQualityMeasures.Unmeasured, new FaceQualityComponents(100, 100, 100, 100, 100), 100);

    /// <summary>The weakest component's name, for refusals ("too blurred" is more useful than a number).</summary>
    public string WeakestComponent => Components.Weakest().Name;
}
