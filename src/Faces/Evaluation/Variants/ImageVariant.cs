namespace Grid.Faces.Evaluation.Variants;

/// <summary>
/// A named, deterministic degradation of a photo for the harder evaluation set. Strengths scale with
/// the photo's main face (its inter-eye distance), so a large studio photo and a 250×250 LFW crop are
/// degraded alike at the face. See <see cref="VariantMaker"/> for each recipe.
/// </summary>
public enum ImageVariant
{
    Clean,
    Downscaled,
    RotatedLeft,
    RotatedRight,
    Blurred,
    Dark,
    LowContrast,
    Jpeg,
    Occluded,
}
