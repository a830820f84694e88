using Grid.Contracts.Galleries;
using Grid.Contracts.Search;
using Grid.Faces.Models;
using Grid.Faces.Pipeline;

namespace Grid.Client.Faces;

/// <summary>
/// Enrolment and search with photos. The face pipeline runs in this process: photos never leave the
/// caller's machine; only templates (tagged with the pipeline's model id) are sent to the grid.
/// Does not own <paramref name="grid"/> or <paramref name="pipeline"/>; the caller disposes them.
/// </summary>
public sealed class FaceGridClient(GridClient grid, FacePipeline pipeline)
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
    public Task<GalleryInfo> CreateGalleryAsync(GalleryId id, GalleryConfig config) =>
        grid.CreateGalleryAsync(id, config with { ModelId = ModelId });

    /// <summary>Enrols the one face of a subject photo.</summary>
    /// <exception cref="FaceSelectionException">No face, several faces, or a face too small for a reliable template.</exception>
    /// <exception cref="Grid.Faces.Imaging.ImageRejectedException">The file is not an acceptable photo.</exception>
    public Task<EnrolResult> EnrolImageAsync(GalleryId gallery, string subjectRef, string imagePath,
        float minInterEyePixels = FaceSelection.DefaultMinInterEyePixels, CancellationToken cancellationToken = default)
    {
        var faces = pipeline.AnalyzeFile(imagePath);
        var face = FaceSelection.ForEnrolment(faces, minInterEyePixels).Require(imagePath, faces);
        return EnrolTemplateAsync(gallery, subjectRef, face.Template.Vector, cancellationToken);
    }

    /// <summary>Enrols one template this client's pipeline made.</summary>
    public Task<EnrolResult> EnrolTemplateAsync(GalleryId gallery, string subjectRef, float[] template, CancellationToken cancellationToken = default) =>
        grid.EnrolAsync(gallery, new EnrolBatch([subjectRef], template, ModelId), cancellationToken);

    /// <summary>
    /// Enrols many labelled photos: analysed locally in parallel, the usable ones sent in batches of
    /// <paramref name="batchSize"/> photos, each batch acknowledged before the next. Photos that cannot be used are
    /// skipped with a reason, not fatal; a grid failure stops the run with a <see cref="BulkEnrolInterruptedException"/>
    /// (enrolment is idempotent, so rerunning the same photos is safe).
    /// </summary>
    public async Task<ImageEnrolmentSummary> EnrolImagesAsync(GalleryId gallery, IReadOnlyList<LabelledImage> images,
        int batchSize = DefaultImageBatchSize, float minInterEyePixels = FaceSelection.DefaultMinInterEyePixels,
        IProgress<ImageEnrolmentRecord>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var records = new List<ImageEnrolmentRecord>(images.Count);
        var total = EnrolResult.None;
        foreach (var chunk in images.Chunk(batchSize))
        {
            var refs = new List<string>();
            var vectors = new List<float>();
            var analyses = Analyzer.AnalyzeAll(chunk.Select(i => i.Path), cancellationToken);
            foreach (var (image, analysis) in chunk.Zip(analyses))
            {
                var (record, verdict) = ImageEnrolmentRecord.Classify(image, analysis, minInterEyePixels);
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
                throw new BulkEnrolInterruptedException(records.Count - chunk.Length, images.Count, e);
            }
        }
        return ImageEnrolmentSummary.From(records, total);
    }

    /// <summary>Searches <paramref name="galleries"/> with a face of the photo at <paramref name="imagePath"/>.</summary>
    /// <exception cref="FaceSelectionException">No face, or several and no <paramref name="faceIndex"/>, or an index out of range;
    /// the exception lists the faces found.</exception>
    public async Task<FaceSearchResult> SearchImageAsync(IReadOnlyList<GalleryId> galleries, string imagePath, int? faceIndex = null,
        int k = 10, float minScore = -1f, TimeSpan? deadline = null, CancellationToken cancellationToken = default)
    {
        var probe = Analyzer.Probe(imagePath, faceIndex);
        var result = await SearchTemplateAsync(galleries, probe.Template, k, minScore, deadline, cancellationToken);
        return new FaceSearchResult(probe, result);
    }

    /// <summary>Searches with a template this client's pipeline made.</summary>
    public Task<TimedSearch> SearchTemplateAsync(IReadOnlyList<GalleryId> galleries, float[] template,
        int k = 10, float minScore = -1f, TimeSpan? deadline = null, CancellationToken cancellationToken = default) =>
        grid.SearchAsync(new SearchRequest([.. galleries], template, ModelId, k, minScore, deadline ?? SearchRequest.DefaultDeadline), cancellationToken);
}
