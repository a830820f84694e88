namespace Grid.Faces.Evaluation.Variants;

/// <summary>
/// Figures of one variant: probes are the variant's photos, the gallery the clean photos. Pairs are ordered
/// (variant of photo i against clean photo j, i ≠ j); a probe with no face counts as a rejected genuine pair
/// for every clean photo of its identity and as a rank-1 miss, so detection failures lower TAR and rank-1.
/// </summary>
public sealed record VariantResult(
    ImageVariant Variant,
    int Photos,
    int Detected,
    int PhotosWithExtraFaces,
    int Negatives,
    int FacesOnNegatives,
    int GenuinePairs,
    int ImpostorPairs,
    double GenuineMeanCosine,
    double ImpostorMeanCosine,
    OperatingPoint AtFar1Percent,
    OperatingPoint AtFar01Percent,
    int Rank1Probes,
    int Rank1Hits,
    double MeanQuality)
{
    public double DetectionRate => Photos == 0 ? 0 : (double)Detected / Photos;
    public double Rank1Rate => Rank1Probes == 0 ? 0 : (double)Rank1Hits / Rank1Probes;
}
