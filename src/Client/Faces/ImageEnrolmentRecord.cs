namespace Grid.Client.Faces;

/// <summary>One photo's outcome and, when it was skipped, the reason in words.</summary>
public sealed record ImageEnrolmentRecord(LabelledImage Image, ImageOutcome Outcome, string? Reason)
{
    /// <summary>Classifies an analysed photo by the enrolment rules (<see cref="FaceSelection.ForEnrolment"/>).</summary>
    public static (ImageEnrolmentRecord Record, FaceVerdict? Verdict) Classify(LabelledImage image, ImageAnalysis analysis, float minInterEyePixels,
        int minQuality = FaceSelection.DefaultMinQuality)
    {
        if (analysis.Failed)
        {
            return (new ImageEnrolmentRecord(image, ImageOutcome.Unreadable, analysis.ErrorMessage), null);
        }
        var verdict = FaceSelection.ForEnrolment(analysis.Faces, minInterEyePixels, minQuality);
        var outcome = verdict.Problem switch
        {
            null => ImageOutcome.Enrolled,
            FaceProblem.NoFace => ImageOutcome.NoFace,
            FaceProblem.SeveralFaces => ImageOutcome.SeveralFaces,
            FaceProblem.TooSmall => ImageOutcome.TooSmall,
            FaceProblem.LowQuality => ImageOutcome.LowQuality,
            var other => throw new InvalidOperationException($"Enrolment rules do not produce {other}."),
        };
        return (new ImageEnrolmentRecord(image, outcome, verdict.Accepted ? null : verdict.Detail), verdict);
    }
}
