using System.Globalization;
using System.Text;

namespace Grid.Faces.Evaluation;

/// <summary>All figures of one evaluation run over a faces-dev style folder.</summary>
public sealed record FaceEvaluationReport
{
    public required string Dataset { get; init; }
    public required string ModelId { get; init; }

    public required int SingleFaceImages { get; init; }
    public required int SingleFaceDetected { get; init; }
    /// <summary>Single-face photos where more than one face was found (extra detections).</summary>
    public required int SingleFaceWithExtraFaces { get; init; }
    public required IReadOnlyList<string> Undetected { get; init; }

    public required int NegativeImages { get; init; }
    public required int FacesOnNegatives { get; init; }

    public required int MultiFaceImages { get; init; }
    public required int MultiFacesLabelled { get; init; }
    public required int MultiFacesFound { get; init; }

    public required int GenuinePairs { get; init; }
    public required int ImpostorPairs { get; init; }
    public required double GenuineMeanCosine { get; init; }
    public required double ImpostorMeanCosine { get; init; }
    public required OperatingPoint AtFar1Percent { get; init; }
    public required OperatingPoint AtFar01Percent { get; init; }

    public required int Rank1Probes { get; init; }
    public required int Rank1Hits { get; init; }

    public string? RocPlotPath { get; init; }

    public double DetectionRate => Ratio(SingleFaceDetected, SingleFaceImages);
    public double Rank1Rate => Ratio(Rank1Hits, Rank1Probes);

    public string ToMarkdown()
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(c, $"## Face evaluation: {Dataset}");
        text.AppendLine(c, $"Model `{ModelId}`");
        text.AppendLine();
        text.AppendLine("| measure | value |");
        text.AppendLine("|---|---|");
        text.AppendLine(c, $"| single-face photos detected | {SingleFaceDetected}/{SingleFaceImages} ({DetectionRate:P1}) |");
        text.AppendLine(c, $"| single-face photos with extra faces | {SingleFaceWithExtraFaces} |");
        text.AppendLine(c, $"| faces found on negatives | {FacesOnNegatives} in {NegativeImages} photos |");
        text.AppendLine(c, $"| faces found on multi-face photos | {MultiFacesFound} (labelled {MultiFacesLabelled}) in {MultiFaceImages} photos |");
        text.AppendLine(c, $"| genuine / impostor pairs | {GenuinePairs} / {ImpostorPairs} |");
        text.AppendLine(c, $"| mean cosine genuine / impostor | {GenuineMeanCosine:F3} / {ImpostorMeanCosine:F3} |");
        text.AppendLine(c, $"| TAR at FAR 1% | {AtFar1Percent.TrueAcceptRate:F3} (threshold {AtFar1Percent.Threshold:F3}) |");
        text.AppendLine(c, $"| TAR at FAR 0.1% | {AtFar01Percent.TrueAcceptRate:F3} (threshold {AtFar01Percent.Threshold:F3}) |");
        text.AppendLine(c, $"| rank-1 identification | {Rank1Hits}/{Rank1Probes} ({Rank1Rate:P1}) |");
        if (Undetected.Count > 0)
        {
            text.AppendLine(c, $"| undetected | {string.Join(", ", Undetected)} |");
        }
        if (RocPlotPath is not null)
        {
            text.AppendLine(c, $"| ROC curve | {RocPlotPath} |");
        }
        return text.ToString();
    }

    private static double Ratio(int part, int whole) => whole == 0 ? 0 : (double)part / whole;
}
