using Grid.Faces.Pipeline;

namespace Grid.Faces.Evaluation;

/// <summary>
/// Measures a <see cref="FacePipeline"/> on a faces-dev style folder: detection on single-face photos,
/// false faces on negatives, verification over every pair of single-face photos, and rank-1
/// identification (each identity's first photo enrolled in <paramref name="gallery"/>, the others searched).
/// </summary>
public sealed class FaceEvaluation(FacePipeline pipeline, IEvaluationGallery gallery)
{
    private const int SearchDepth = 5;

    public async Task<FaceEvaluationReport> RunAsync(string datasetDirectory, string? rocPngPath = null, CancellationToken cancellationToken = default)
    {
        var images = EvaluationImage.ReadLabels(datasetDirectory);
        var singles = new List<(EvaluationImage Image, DetectedFace Face)>();
        var undetected = new List<string>();
        int singleCount = 0, extraFaces = 0, negatives = 0, negativeFaces = 0, multis = 0, multiLabelled = 0, multiFound = 0;

        foreach (var image in images)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var faces = pipeline.AnalyzeFile(Path.Combine(datasetDirectory, image.RelativePath));
            switch (image.Kind)
            {
                case EvaluationImageKind.SingleFace:
                    singleCount++;
                    extraFaces += faces.Count > 1 ? 1 : 0;
                    if (faces.Count == 0)
                    {
                        undetected.Add(image.RelativePath);
                    }
                    else
                    {
                        // The labelled person is the photo's main subject: the largest face.
                        singles.Add((image, faces.MaxBy(f => f.Box.Area)!));
                    }
                    break;
                case EvaluationImageKind.MultiFace:
                    multis++;
                    multiLabelled += image.Identities.Count;
                    multiFound += faces.Count;
                    break;
                case EvaluationImageKind.Negative:
                    negatives++;
                    negativeFaces += faces.Count;
                    break;
            }
        }

        var curve = PairScores(singles);
        if (rocPngPath is not null)
        {
            RocPlot.Write(curve, rocPngPath, $"ROC {Path.GetFileName(Path.TrimEndingDirectorySeparator(datasetDirectory))} ({pipeline.ModelId})");
        }
        var (probes, hits) = await RankOneAsync(singles, cancellationToken).ConfigureAwait(false);

        return new FaceEvaluationReport
        {
            Dataset = datasetDirectory,
            ModelId = pipeline.ModelId.Value,
            SingleFaceImages = singleCount,
            SingleFaceDetected = singles.Count,
            SingleFaceWithExtraFaces = extraFaces,
            Undetected = undetected,
            NegativeImages = negatives,
            FacesOnNegatives = negativeFaces,
            MultiFaceImages = multis,
            MultiFacesLabelled = multiLabelled,
            MultiFacesFound = multiFound,
            GenuinePairs = curve.GenuineCount,
            ImpostorPairs = curve.ImpostorCount,
            GenuineMeanCosine = curve.GenuineMean,
            ImpostorMeanCosine = curve.ImpostorMean,
            AtFar1Percent = curve.AtFalseAcceptRate(0.01),
            AtFar01Percent = curve.AtFalseAcceptRate(0.001),
            Rank1Probes = probes,
            Rank1Hits = hits,
            RocPlotPath = rocPngPath,
        };
    }

    private static VerificationCurve PairScores(List<(EvaluationImage Image, DetectedFace Face)> singles)
    {
        var genuine = new List<float>();
        var impostor = new List<float>();
        for (var i = 0; i < singles.Count; i++)
        {
            for (var j = i + 1; j < singles.Count; j++)
            {
                var score = singles[i].Face.Template.Similarity(singles[j].Face.Template);
                (Identity(singles[i].Image) == Identity(singles[j].Image) ? genuine : impostor).Add(score);
            }
        }
        return new VerificationCurve(genuine, impostor);
    }

    private async Task<(int Probes, int Hits)> RankOneAsync(List<(EvaluationImage Image, DetectedFace Face)> singles, CancellationToken cancellationToken)
    {
        var enrolled = new HashSet<string>();
        var probes = new List<(string Identity, float[] Template)>();
        foreach (var (image, face) in singles)
        {
            var identity = Identity(image);
            if (enrolled.Add(identity))
            {
                await gallery.EnrolAsync(identity, face.Template.Vector, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                probes.Add((identity, face.Template.Vector));
            }
        }
        var hits = 0;
        foreach (var (identity, template) in probes)
        {
            var ranked = await gallery.SearchAsync(template, SearchDepth, cancellationToken).ConfigureAwait(false);
            hits += ranked.Count > 0 && ranked[0] == identity ? 1 : 0;
        }
        return (probes.Count, hits);
    }

    private static string Identity(EvaluationImage image) => image.Identities[0];
}
