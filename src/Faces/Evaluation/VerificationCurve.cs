namespace Grid.Faces.Evaluation;

/// <summary>
/// Genuine and impostor similarity scores and the operating points they give. A pair is accepted
/// when its score is strictly above the threshold.
/// </summary>
public sealed class VerificationCurve
{
    private readonly float[] genuineDescending;
    private readonly float[] impostorDescending;

    public VerificationCurve(IEnumerable<float> genuine, IEnumerable<float> impostor)
    {
        genuineDescending = [.. genuine.OrderDescending()];
        impostorDescending = [.. impostor.OrderDescending()];
        if (genuineDescending.Length == 0 || impostorDescending.Length == 0)
        {
            throw new ArgumentException("Need at least one genuine and one impostor score.");
        }
    }

    public int GenuineCount => genuineDescending.Length;
    public int ImpostorCount => impostorDescending.Length;
    public double GenuineMean => genuineDescending.Average();
    public double ImpostorMean => impostorDescending.Average();

    /// <summary>
    /// The lowest threshold at which no more than <paramref name="far"/> of impostors are accepted,
    /// and the share of genuine pairs accepted there.
    /// </summary>
    public OperatingPoint AtFalseAcceptRate(double far)
    {
        var allowed = (int)Math.Floor(far * impostorDescending.Length);
        var threshold = allowed >= impostorDescending.Length ? float.NegativeInfinity : impostorDescending[allowed];
        return new OperatingPoint(threshold, AcceptedShare(impostorDescending, threshold), AcceptedShare(genuineDescending, threshold));
    }

    /// <summary>Every distinct operating point, from the strictest threshold (accepting nothing) to accepting everything.</summary>
    public IReadOnlyList<OperatingPoint> Points() =>
        genuineDescending.Concat(impostorDescending).Append(float.NegativeInfinity).Distinct().OrderDescending()
            .Select(t => new OperatingPoint(t, AcceptedShare(impostorDescending, t), AcceptedShare(genuineDescending, t)))
            .ToList();

    private static double AcceptedShare(float[] descending, float threshold)
    {
        var accepted = 0;
        while (accepted < descending.Length && descending[accepted] > threshold)
        {
            accepted++;
        }
        return (double)accepted / descending.Length;
    }
}
