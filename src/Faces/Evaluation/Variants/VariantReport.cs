using System.Globalization;
using System.Text;

namespace Grid.Faces.Evaluation.Variants;

/// <summary>The harder evaluation set's figures, one row per variant, plus every score for calibration.</summary>
public sealed record VariantReport(string Dataset, string ModelId, IReadOnlyList<VariantResult> Rows)
{
    /// <summary>Every impostor score of every variant (clean pairs once, not in both orders), for a score calibration.</summary>
    public IReadOnlyList<float> ImpostorScores { get; init; } = [];

    /// <summary>Every genuine score of detected probes of every variant.</summary>
    public IReadOnlyList<float> GenuineScores { get; init; } = [];

    /// <summary>All variants together at one threshold per FAR, as one operating system would meet them.</summary>
    public PooledResult? Pooled { get; init; }

    public string ToMarkdown()
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(c, $"Model `{ModelId}`, probes = variant photos, gallery = clean photos ({Dataset})");
        text.AppendLine();
        text.AppendLine("| variant | detected | extra faces | faces on negatives | genuine / impostor pairs | mean genuine / impostor | TAR @ FAR 1 % | TAR @ FAR 0.1 % | rank-1 | mean quality |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|---|");
        foreach (var r in Rows)
        {
            text.AppendLine(c,
                $"| {VariantMaker.Name(r.Variant)} | {r.Detected}/{r.Photos} | {r.PhotosWithExtraFaces} | {r.FacesOnNegatives} in {r.Negatives} | {r.GenuinePairs} / {r.ImpostorPairs} | {r.GenuineMeanCosine:F3} / {r.ImpostorMeanCosine:F3} | {r.AtFar1Percent.TrueAcceptRate:F3} ({r.AtFar1Percent.Threshold:F3}) | {r.AtFar01Percent.TrueAcceptRate:F3} ({r.AtFar01Percent.Threshold:F3}) | {r.Rank1Hits}/{r.Rank1Probes} ({r.Rank1Rate:F3}) | {r.MeanQuality:F0} |");
        }
        if (Pooled is { } p)
        {
            text.AppendLine(c,
                $"| **all variants pooled** | | | | {p.GenuinePairs} / {p.ImpostorPairs} | | {p.AtFar1Percent.TrueAcceptRate:F3} ({p.AtFar1Percent.Threshold:F3}) | {p.AtFar01Percent.TrueAcceptRate:F3} ({p.AtFar01Percent.Threshold:F3}) | {p.Rank1Hits}/{p.Rank1Probes} ({(double)p.Rank1Hits / Math.Max(1, p.Rank1Probes):F3}) | |");
        }
        return text.ToString();
    }
}
