namespace Grid.Faces.Detection;

/// <summary>Post-processing of the detector's 4420 candidate boxes.</summary>
public sealed record FaceDetectorOptions
{
    /// <summary>
    /// 0.9, stricter than the JavaScript's 0.65: a false face costs an examiner's time, every faces-dev
    /// face scores ≥ 0.999 while textures (coins, gravel) reach 0.34 and a cat's face 0.72.
    /// Lower it to catch small background faces, which score 0.75–0.98.
    /// </summary>
    public float ScoreThreshold { get; init; } = 0.9f;

    /// <summary>Boxes overlapping a better one by more than this IoU are the same face (0.4 as in the package).</summary>
    public float NmsIouThreshold { get; init; } = 0.4f;

    /// <summary>Faces smaller than this many pixels high in the photo carry too little detail for a useful template.</summary>
    public float MinFaceSize { get; init; } = 20f;

    /// <summary>Most faces kept per photo; a crowd shot beyond this is cut to the best-scoring ones.</summary>
    public int MaxFaces { get; init; } = 50;

    /// <summary>
    /// When no face is found, look once more on an unsharp-masked copy of the detector input (amount; 0 = off): a
    /// defocused face the detector scores under the threshold may pass sharpened. Costs a second detector run on
    /// photos without a face. 1.5 by default: blurred probes detected 56 → 59 of 63, the lower-face bar 58 → 59, and no
    /// face on the negatives of any variant (5 photos each, so weak evidence).
    /// </summary>
    public float RetrySharpenedWhenNone { get; init; } = 1.5f;
}
