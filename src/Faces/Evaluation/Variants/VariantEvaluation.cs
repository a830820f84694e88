using Grid.Faces.Embedding;
using Grid.Faces.Imaging;
using Grid.Faces.Pipeline;

namespace Grid.Faces.Evaluation.Variants;

/// <summary>
/// The harder evaluation: every single-face and negative photo of a faces-dev style folder is degraded by each
/// <see cref="ImageVariant"/> and searched against the clean photos (the realistic protocol: a poor probe
/// against a good enrolment). The main face of a photo is its largest detected face.
/// </summary>
public sealed class VariantEvaluation(FacePipeline pipeline)
{
    private sealed record Photo(EvaluationImage Image, RgbImage Clean, DetectedFace? CleanFace)
    {
        public string Identity => Image.Identities.Count > 0 ? Image.Identities[0] : "";
    }

    public VariantReport Run(string datasetDirectory, IReadOnlyList<ImageVariant> variants, Action<VariantResult>? progress = null, CancellationToken cancellationToken = default)
    {
        var labels = EvaluationImage.ReadLabels(datasetDirectory);
        var singles = Load(datasetDirectory, labels, EvaluationImageKind.SingleFace);
        var negatives = Load(datasetDirectory, labels, EvaluationImageKind.Negative);
        var rows = new List<VariantResult>();
        var allImpostors = new List<float>();
        var allGenuine = new List<float>();
        var pooledGenuine = new List<float>();
        int rankProbes = 0, rankHits = 0;
        foreach (var variant in variants)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var row = RunVariant(variant, singles, negatives, allGenuine, allImpostors, pooledGenuine);
            rows.Add(row);
            rankProbes += row.Rank1Probes;
            rankHits += row.Rank1Hits;
            progress?.Invoke(row);
        }
        var pooled = new VerificationCurve(pooledGenuine, allImpostors);
        return new VariantReport(datasetDirectory, pipeline.ModelId.Value, rows)
        {
            ImpostorScores = allImpostors,
            GenuineScores = allGenuine,
            Pooled = new PooledResult(pooled.GenuineCount, pooled.ImpostorCount, pooled.AtFalseAcceptRate(0.01), pooled.AtFalseAcceptRate(0.001), rankProbes, rankHits),
        };
    }

    private List<Photo> Load(string directory, IEnumerable<EvaluationImage> labels, EvaluationImageKind kind) =>
        labels.Where(l => l.Kind == kind)
            .Select(l =>
            {
                var clean = pipeline.Decoder.DecodeFile(Path.Combine(directory, l.RelativePath));
                return new Photo(l, clean, MainFace(pipeline.Analyze(clean)));
            })
            .ToList();

    private static DetectedFace? MainFace(IReadOnlyList<DetectedFace> faces) => faces.Count == 0 ? null : faces.MaxBy(f => f.Box.Area);

    private VariantResult RunVariant(ImageVariant variant, List<Photo> singles, List<Photo> negatives, List<float> allGenuine, List<float> allImpostors, List<float> pooledGenuine)
    {
        var probes = new DetectedFace?[singles.Count];
        var extra = 0;
        double quality = 0;
        for (var i = 0; i < singles.Count; i++)
        {
            var faces = pipeline.Analyze(VariantMaker.Make(variant, singles[i].Clean, singles[i].CleanFace?.Landmarks));
            probes[i] = MainFace(faces);
            extra += faces.Count > 1 ? 1 : 0;
            quality += probes[i]?.Quality.Score ?? 0;
        }
        var facesOnNegatives = negatives.Sum(n => pipeline.Analyze(VariantMaker.Make(variant, n.Clean, null)).Count);

        var genuine = new List<float>();
        var impostor = new List<float>();
        for (var i = 0; i < singles.Count; i++)
        {
            for (var j = 0; j < singles.Count; j++)
            {
                if (i == j || singles[j].CleanFace is not { } reference)
                {
                    continue;
                }
                var same = singles[i].Identity == singles[j].Identity;
                if (probes[i] is not { } probe)
                {
                    if (same)
                    {
                        genuine.Add(-1f); // not detected: this genuine pair is rejected at any threshold
                    }
                    continue;
                }
                var score = probe.Template.Similarity(reference.Template);
                (same ? genuine : impostor).Add(score);
                if (variant == ImageVariant.Clean && j < i)
                {
                    continue; // clean against clean is symmetric: the pooled score lists keep each pair once
                }
                if (same)
                {
                    allGenuine.Add(score);
                }
                else
                {
                    allImpostors.Add(score);
                }
            }
        }
        pooledGenuine.AddRange(genuine);
        var curve = new VerificationCurve(genuine, impostor);
        var (rankProbes, rankHits) = RankOne(singles, probes);
        var detected = probes.Count(p => p is not null);
        return new VariantResult(variant, singles.Count, detected, extra, negatives.Count, facesOnNegatives,
            curve.GenuineCount, curve.ImpostorCount, genuine.Where(g => g > -1f).DefaultIfEmpty(0).Average(), curve.ImpostorMean,
            curve.AtFalseAcceptRate(0.01), curve.AtFalseAcceptRate(0.001), rankProbes, rankHits, detected == 0 ? 0 : quality / detected);
    }

    /// <summary>Each identity's first clean photo is its gallery entry; every other photo's variant is a probe.</summary>
    private static (int Probes, int Hits) RankOne(List<Photo> singles, DetectedFace?[] probes)
    {
        var gallery = new Dictionary<string, FaceTemplate>();
        var probeIndices = new List<int>();
        for (var i = 0; i < singles.Count; i++)
        {
            if (!gallery.ContainsKey(singles[i].Identity) && singles[i].CleanFace is { } face)
            {
                gallery[singles[i].Identity] = face.Template;
            }
            else
            {
                probeIndices.Add(i);
            }
        }
        var hits = probeIndices.Count(i => probes[i] is { } probe
            && gallery.MaxBy(g => probe.Template.Similarity(g.Value)).Key == singles[i].Identity);
        return (probeIndices.Count, hits);
    }
}
