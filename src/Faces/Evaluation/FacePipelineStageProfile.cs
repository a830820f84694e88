using System.Globalization;
using System.Text;
using Grid.Faces.Pipeline;

namespace Grid.Faces.Evaluation;

/// <summary>
/// Where one thread's time goes, stage by stage (decode, detector input, detection, landmark passes, warp, embedding,
/// quality), timed inside the production code path with a <see cref="StageClock"/> over the same photos repeated for
/// <c>minimumDuration</c>. Build the pipeline with mirror-averaged templates to see the mirror's cost as its own row;
/// the total then leaves it out, as the default pipeline does.
/// </summary>
public sealed class FacePipelineStageProfile(FacePipeline pipeline, TimeSpan minimumDuration)
{
    public const string MirrorStage = "mirror embedding";

    public string Run(string set, IReadOnlyList<BenchmarkPhoto> photos)
    {
        foreach (var photo in photos)
        {
            pipeline.Analyze(photo.Encoded);
        }
        var clock = new StageClock();
        int timed = 0, faces = 0;
        var total = System.Diagnostics.Stopwatch.StartNew();
        while (total.Elapsed < minimumDuration || timed == 0)
        {
            foreach (var photo in photos)
            {
                faces += pipeline.Analyze(photo.Encoded, clock).Count;
                timed++;
            }
        }
        var stages = clock.Totals;
        var defaultTotal = stages.Where(s => s.Stage != MirrorStage).Sum(s => s.Total.TotalMilliseconds);
        var text = new StringBuilder();
        var unit = StageClock.CountsCpuTime ? "thread CPU ms/photo" : "wall ms/photo";
        text.AppendLine(CultureInfo.InvariantCulture, $"{set}: {timed} photos, {faces} faces, one thread");
        text.AppendLine(CultureInfo.InvariantCulture, $"| stage | {unit} | share |");
        text.AppendLine("|---|---:|---:|");
        foreach (var (stage, time) in stages)
        {
            var share = stage == MirrorStage ? "(optional, not in total)" : $"{100 * time.TotalMilliseconds / defaultTotal:F0} %";
            text.AppendLine(CultureInfo.InvariantCulture, $"| {stage} | {time.TotalMilliseconds / timed:F2} | {share} |");
        }
        text.AppendLine(CultureInfo.InvariantCulture, $"| **total (default pipeline)** | **{defaultTotal / timed:F2}** | {faces * 1000 / defaultTotal:F1} faces/s/core |");
        return text.ToString();
    }
}
