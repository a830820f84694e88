using Grid.Faces.Pipeline;
using Grid.Protocol.Search;

namespace Grid.Client.Faces;

/// <summary>
/// 1:1 verification of two photos in this process: photos and templates never leave the machine. Each photo must show one
/// face, or the face is chosen by index (as for a probe). "Same person" means the score reaches the threshold at which the
/// model's calibration estimates <see cref="DefaultDecisionFalseMatchRate"/> of different people would score as high.
/// </summary>
public sealed class FaceVerifier(FacePipeline pipeline)
{
    /// <summary>1 in 1,000: the operating point the reference floor is stated at (TAR at FAR 0.1 %).</summary>
    public const double DefaultDecisionFalseMatchRate = 0.001;

    /// <exception cref="FaceSelectionException">A photo has no face, or several and no index.</exception>
    /// <exception cref="Grid.Faces.Imaging.ImageRejectedException">A file is not an acceptable photo.</exception>
    /// <exception cref="InvalidOperationException">The model has no score calibration.</exception>
    public FaceVerification Verify(string imagePath1, string imagePath2, int? faceIndex1 = null, int? faceIndex2 = null,
        double decisionFalseMatchRate = DefaultDecisionFalseMatchRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(decisionFalseMatchRate);
        var calibration = ScoreCalibration.For(pipeline.ModelId.Value)
            ?? throw new InvalidOperationException($"No score calibration for model {pipeline.ModelId}: a score alone cannot say how likely a false match is.");
        var first = Probe(imagePath1, faceIndex1);
        var second = Probe(imagePath2, faceIndex2);
        var score = first.Face.Template.Similarity(second.Face.Template);
        var threshold = calibration.ScoreAt(decisionFalseMatchRate);
        return new FaceVerification(first, second, score, calibration.FalseMatchRate(score), calibration.IsBelowFloor(score),
            calibration.Describe(score), decisionFalseMatchRate, threshold, score >= threshold);
    }

    private ImageProbe Probe(string path, int? faceIndex)
    {
        var faces = pipeline.AnalyzeFile(path);
        var face = FaceSelection.ForProbe(faces, faceIndex).Require(path, faces);
        return new ImageProbe(path, faceIndex ?? 0, faces.Count, face);
    }
}
