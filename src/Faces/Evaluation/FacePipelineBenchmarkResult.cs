using System.Globalization;

namespace Grid.Faces.Evaluation;

/// <summary>Throughput of one benchmark set, single-threaded, so the rates are per core.</summary>
public sealed record FacePipelineBenchmarkResult(
    string Set,
    string TypicalSize,
    int Photos,
    int Faces,
    double Seconds,
    double DecodeSeconds)
{
    public double PhotosPerSecond => Photos / Seconds;
    public double FacesPerSecond => Faces / Seconds;
    public double MillisecondsPerPhoto => Seconds * 1000 / Photos;
    public double DecodeMillisecondsPerPhoto => DecodeSeconds * 1000 / Photos;

    /// <summary>Time spent shrinking photos to the detector's input, measured apart like decode.</summary>
    public double ResizeSeconds { get; init; }

    public double ResizeMillisecondsPerPhoto => ResizeSeconds * 1000 / Photos;

    /// <summary>CPU time the process used during the timed loop (all its threads).</summary>
    public double CpuSeconds { get; init; }

    public double FacesPerCpuSecond => CpuSeconds > 0 ? Faces / CpuSeconds : double.NaN;

    public string ToMarkdownRow() => string.Create(CultureInfo.InvariantCulture,
        $"| {Set} | {TypicalSize} | {Photos} | {Faces} | {MillisecondsPerPhoto:F1} | {DecodeMillisecondsPerPhoto:F1} ({100 * DecodeSeconds / Seconds:F0} %) | {ResizeMillisecondsPerPhoto:F1} ({100 * ResizeSeconds / Seconds:F0} %) | {PhotosPerSecond:F1} | {FacesPerSecond:F1} | {FacesPerCpuSecond:F1} |");

    public const string MarkdownHeader =
        "| set | typical size | photos timed | faces | ms/photo | of which decode ms (share) | of which resize ms (share) | photos/s/core | faces/s/core | faces per CPU-second |\n|---|---|---|---|---|---|---|---|---|---|";
}
