using System.Globalization;

namespace Grid.Contracts.Templates;

/// <summary>
/// Turns a cosine score of one model into an estimated false-match rate (FMR): the share of impostor pairs
/// (different people) that score at least as high, measured on a documented set. Plain data, no Orleans types,
/// so the coordinator, the client and the CLI all read the same table (<see cref="ScoreCalibrationTables"/>).
/// Between measured points the FMR is interpolated linearly in log(FMR); above the strictest point that at
/// least <see cref="MinimumPairsAtFloor"/> impostor pairs back, the estimate is only "below <see cref="Floor"/>".
/// </summary>
public sealed class ScoreCalibration
{
    /// <summary>Impostor pairs that must score at or above a threshold for its FMR to be stated (rule of three).</summary>
    public const int MinimumPairsAtFloor = 3;

    private readonly float[] scores;
    private readonly double[] rates;

    /// <param name="points">(score, FMR) with scores ascending and rates descending.</param>
    public ScoreCalibration(string modelId, string dataset, int impostorPairs, IReadOnlyList<(float Score, double Rate)> points)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelId);
        if (points.Count < 2)
            throw new ArgumentException("A calibration needs two or more points.", nameof(points));
        for (var i = 1; i < points.Count; i++)
            if (!(points[i].Score > points[i - 1].Score) || !(points[i].Rate < points[i - 1].Rate) || !(points[i].Rate > 0))
                throw new ArgumentException("Calibration points must rise in score and fall in rate, rates above zero.", nameof(points));
        ModelId = modelId;
        Dataset = dataset;
        ImpostorPairs = impostorPairs;
        scores = points.Select(p => p.Score).ToArray();
        rates = points.Select(p => p.Rate).ToArray();
    }

    public string ModelId { get; }

    /// <summary>What the impostor scores were measured on.</summary>
    public string Dataset { get; }

    public int ImpostorPairs { get; }

    /// <summary>The lowest FMR the data supports; stricter scores get "below" this.</summary>
    public double Floor => rates[^1];

    /// <summary>The score at which the FMR reaches <see cref="Floor"/>.</summary>
    public float FloorScore => scores[^1];

    public IReadOnlyList<(float Score, double Rate)> Points => scores.Zip(rates).ToList();

    /// <summary>The calibration of <paramref name="modelId"/>, or null when none was measured.</summary>
    public static ScoreCalibration? For(string modelId) => ScoreCalibrationTables.Find(modelId);

    /// <summary>Candidates with <see cref="Search.Candidate.FalseMatchRate"/> filled from the model's calibration (unchanged when there is none).</summary>
    public static Search.Candidate[] Annotate(string modelId, Search.Candidate[] candidates) =>
        For(modelId) is { } calibration
            ? candidates.Select(c => c with { FalseMatchRate = calibration.FalseMatchRate(c.Score) }).ToArray()
            : candidates;

    /// <summary>Estimated FMR at <paramref name="score"/>; <see cref="Floor"/> for any score at or above <see cref="FloorScore"/>.</summary>
    public double FalseMatchRate(float score)
    {
        if (float.IsNaN(score) || score <= scores[0])
            return rates[0];
        if (score >= scores[^1])
            return rates[^1];
        var i = Array.BinarySearch(scores, score);
        if (i >= 0)
            return rates[i];
        var upper = ~i;
        var lower = upper - 1;
        var t = (score - scores[lower]) / (scores[upper] - scores[lower]);
        return Math.Exp(Math.Log(rates[lower]) + (t * (Math.Log(rates[upper]) - Math.Log(rates[lower]))));
    }

    /// <summary>Whether <paramref name="score"/> is beyond the measured range (its FMR is only known to be below <see cref="Floor"/>).</summary>
    public bool IsBelowFloor(float score) => score >= scores[^1];

    /// <summary>The score at which the estimated FMR is <paramref name="rate"/> (clamped to the measured range): a threshold stated as an FMR.</summary>
    public float ScoreAt(double rate)
    {
        if (rate >= rates[0])
            return scores[0];
        if (rate <= rates[^1])
            return scores[^1];
        var upper = Array.FindIndex(rates, r => r <= rate);
        var lower = upper - 1;
        var t = (Math.Log(rate) - Math.Log(rates[lower])) / (Math.Log(rates[upper]) - Math.Log(rates[lower]));
        return (float)(scores[lower] + (t * (scores[upper] - scores[lower])));
    }

    /// <summary>Whether <paramref name="rate"/> is the floor of a known calibration, i.e. a bound ("below this") rather than an estimate.</summary>
    public static bool IsFloorRate(double rate) => ScoreCalibrationTables.Floors.Contains(rate);

    /// <summary>The FMR at <paramref name="score"/> in words: <c>1 in 2,300</c>, or <c>&lt; 1 in 10,000</c> beyond the measured range.</summary>
    public string Describe(float score) => IsBelowFloor(score) ? "< " + OneIn(Floor) : OneIn(FalseMatchRate(score));

    /// <summary><c>1 in N</c> with N rounded to two significant figures.</summary>
    public static string OneIn(double rate)
    {
        if (!(rate > 0))
            return "n/a";
        var n = 1 / rate;
        if (n < 1.05)
            return "1 in 1";
        if (n < 10)
            return "1 in " + Math.Round(n, 1).ToString("0.#", CultureInfo.InvariantCulture);
        var digits = (int)Math.Floor(Math.Log10(n)) - 1;
        var rounded = Math.Round(n / Math.Pow(10, digits)) * Math.Pow(10, digits);
        return "1 in " + rounded.ToString("#,0", CultureInfo.InvariantCulture);
    }
}
