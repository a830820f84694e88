using Grid.Faces.Models;
using Grid.Faces.Pipeline;
using Grid.Protocol.Errors;
using Grid.Protocol.Galleries;
using Grid.Protocol.Search;
using Grid.Protocol.Sharing;

namespace Grid.Client.Faces;

/// <summary>
/// Enrolment and search with photos. The face pipeline runs in this process: photos never leave the
/// caller's machine; only templates (tagged with the pipeline's model id) are sent to the grid.
/// Does not own <paramref name="grid"/> or <paramref name="pipeline"/>; the caller disposes them.
/// </summary>
public sealed class FaceGridClient(IGridClient grid, FacePipeline pipeline)
{
    /// <summary>Photos whose templates go to the grid in one acknowledged batch.</summary>
    public const int DefaultImageBatchSize = 64;

    public FaceImageAnalyzer Analyzer { get; } = new(pipeline);

    /// <summary>The model id of every template this client makes; image galleries must be created with it.</summary>
    public string ModelId => pipeline.ModelId.Value;

    /// <summary>The model id of the verified models in this checkout's <c>.models</c> (or GRID_MODELS_DIR), without loading them.</summary>
    /// <exception cref="FaceModelUnavailableException">The models are missing or altered.</exception>
    public static string LocalModelId() => FaceModels.Locate().EmbedderId.Value;

    /// <summary>Creates a gallery for photo templates: <paramref name="config"/> with this pipeline's model id.</summary>
    public Task<GalleryInfo> CreateGalleryAsync(GalleryId id, GalleryConfig config, CancellationToken cancellationToken = default) =>
        grid.CreateGalleryAsync(id, config with { ModelId = ModelId }, cancellationToken);

    /// <summary>Enrols the one face of a subject photo.</summary>
    /// <exception cref="FaceSelectionException">No face, several faces, or a face too small for a reliable template.</exception>
    /// <exception cref="Grid.Faces.Imaging.ImageRejectedException">The file is not an acceptable photo.</exception>
    public Task<EnrolResult> EnrolImageAsync(GalleryId gallery, string subjectRef, string imagePath,
        float minInterEyePixels = FaceSelection.DefaultMinInterEyePixels, CancellationToken cancellationToken = default, int minQuality = FaceSelection.DefaultMinQuality)
    {
        var faces = pipeline.AnalyzeFile(imagePath);
        var face = FaceSelection.ForEnrolment(faces, minInterEyePixels, minQuality).Require(imagePath, faces);
        return EnrolTemplateAsync(gallery, subjectRef, face.Template.Vector, cancellationToken);
    }

    /// <summary>Enrols one template this client's pipeline made.</summary>
    public Task<EnrolResult> EnrolTemplateAsync(GalleryId gallery, string subjectRef, float[] template, CancellationToken cancellationToken = default) =>
        grid.EnrolAsync(gallery, new EnrolBatch([subjectRef], template, ModelId), cancellationToken);

    /// <summary>
    /// Enrols many labelled photos: analysed locally in parallel, the usable ones sent in batches of
    /// <paramref name="batchSize"/> photos, each batch acknowledged before the next. Photos that cannot be used are
    /// skipped with a reason, not fatal; a grid failure stops the run with a <see cref="BulkEnrolInterruptedException"/>
    /// whose <see cref="BulkEnrolInterruptedException.AcknowledgedRows"/> is the photo to resume from with <paramref name="skip"/>
    /// (rerunning photos already enrolled is harmless: enrolment is idempotent).
    /// </summary>
    public async Task<ImageEnrolmentSummary> EnrolImagesAsync(GalleryId gallery, IReadOnlyList<LabelledImage> images,
        int batchSize = DefaultImageBatchSize, int skip = 0, float minInterEyePixels = FaceSelection.DefaultMinInterEyePixels,
        IProgress<ImageEnrolmentRecord>? progress = null, CancellationToken cancellationToken = default, int minQuality = FaceSelection.DefaultMinQuality)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        if (skip < 0 || skip > images.Count)
            throw new ArgumentException($"--skip {skip} is outside the {images.Count} photos listed.");
        await RequireImageGalleryAsync(gallery, cancellationToken);
        var records = new List<ImageEnrolmentRecord>(images.Count - skip);
        var total = EnrolResult.None;
        foreach (var chunk in images.Skip(skip).Chunk(batchSize))
        {
            var refs = new List<string>();
            var vectors = new List<float>();
            var analyses = Analyzer.AnalyzeAll(chunk.Select(i => i.Path), cancellationToken);
            foreach (var (image, analysis) in chunk.Zip(analyses))
            {
                var (record, verdict) = ImageEnrolmentRecord.Classify(image, analysis, minInterEyePixels, minQuality);
                if (verdict?.Face is { } face)
                {
                    refs.Add(image.SubjectRef);
                    vectors.AddRange(face.Template.Vector);
                }
                records.Add(record);
                progress?.Report(record);
            }
            if (refs.Count == 0)
            {
                continue;
            }
            try
            {
                total = total.Plus(await grid.EnrolAsync(gallery, new EnrolBatch([.. refs], [.. vectors], ModelId), cancellationToken));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                throw new BulkEnrolInterruptedException(skip + records.Count - chunk.Length, images.Count, e);
            }
        }
        return ImageEnrolmentSummary.From(records, total);
    }

    /// <summary>Refuses, before any photo is analysed, a gallery that is missing or records another model: the grid
    /// would refuse every batch, and analysing thousands of photos first wastes the caller's time.</summary>
    private async Task RequireImageGalleryAsync(GalleryId gallery, CancellationToken cancellationToken)
    {
        var info = await grid.GetGalleryAsync(gallery, cancellationToken)
            ?? throw new GridException(ProblemCodes.GalleryNotFound, 404, $"Gallery {gallery} does not exist: create it with `gridctl gallery create {gallery} --faces`.");
        if (info.Config.ModelId != ModelId)
            throw new GridException(ProblemCodes.ModelMismatch, 409,
                $"Gallery {gallery} records model '{info.Config.ModelId}', but photos here make '{ModelId}' templates: " +
                $"enrol photos into a gallery created with `gridctl gallery create FORCE/NAME --faces`.");
    }

    /// <summary>Searches <paramref name="galleries"/> with a face of the photo at <paramref name="imagePath"/>.</summary>
    /// <exception cref="FaceSelectionException">No face, or several and no <paramref name="faceIndex"/>, or an index out of range;
    /// the exception lists the faces found.</exception>
    public async Task<FaceSearchResult> SearchImageAsync(IReadOnlyList<GalleryId> galleries, string imagePath, SearchPurpose purpose,
        int? faceIndex = null, int k = 10, float minScore = -1f, TimeSpan? deadline = null, CancellationToken cancellationToken = default)
    {
        var probe = Analyzer.Probe(imagePath, faceIndex);
        var result = await SearchTemplateAsync(galleries, probe.Template, purpose, k, minScore, deadline, cancellationToken);
        return new FaceSearchResult(probe, result);
    }

    /// <summary>
    /// Searches <paramref name="galleries"/> with every face of the photo (or those in <paramref name="faceIndices"/>), one search per face,
    /// as DeepFace and CompreFace answer: per face its index, box, quality and candidates. Faces below <paramref name="minQuality"/> are
    /// left out and listed with the reason.
    /// </summary>
    /// <exception cref="FaceSelectionException">No face, an index out of range, or every chosen face below the quality floor.</exception>
    public async Task<ImageSearchResult> SearchImageFacesAsync(IReadOnlyList<GalleryId> galleries, string imagePath, SearchPurpose purpose,
        IReadOnlyList<int>? faceIndices = null, int k = 10, float minScore = -1f, TimeSpan? deadline = null,
        int minQuality = FaceSelection.DefaultMinQuality, CancellationToken cancellationToken = default)
    {
        var (probes, skipped) = Analyzer.Probes(imagePath, faceIndices, minQuality);
        var results = new List<FaceSearchResult>(probes.Count);
        foreach (var probe in probes)
        {
            var result = await SearchTemplateAsync(galleries, probe.Template, purpose, k, minScore, deadline, cancellationToken);
            results.Add(new FaceSearchResult(probe, result));
        }
        return new ImageSearchResult(imagePath, results, skipped);
    }

    /// <summary>1:1 verification of two photos, on this machine only (no grid call): see <see cref="FaceVerifier"/>.</summary>
    public Task<FaceVerification> VerifyAsync(string imagePath1, string imagePath2, int? faceIndex1 = null, int? faceIndex2 = null,
        double decisionFalseMatchRate = FaceVerifier.DefaultDecisionFalseMatchRate, CancellationToken cancellationToken = default) =>
        Task.Run(() => new FaceVerifier(pipeline).Verify(imagePath1, imagePath2, faceIndex1, faceIndex2, decisionFalseMatchRate), cancellationToken);

    /// <summary>Searches with a template this client's pipeline made.</summary>
    public Task<TimedSearch> SearchTemplateAsync(IReadOnlyList<GalleryId> galleries, float[] template, SearchPurpose purpose,
        int k = 10, float minScore = -1f, TimeSpan? deadline = null, CancellationToken cancellationToken = default) =>
        grid.SearchAsync(new SearchRequest([.. galleries], template, purpose, ModelId, k, minScore,
            (int)(deadline ?? TimeSpan.FromMilliseconds(SearchRequest.DefaultDeadlineMs)).TotalMilliseconds), cancellationToken);
}
