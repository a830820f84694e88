using Grid.Faces.Evaluation;
using Grid.Protocol.Galleries;
using Grid.Protocol.Search;
using Grid.Protocol.Sharing;

namespace Grid.Client.Faces;

/// <summary>
/// The face evaluation's rank-1 search through a real grid gallery, so the figure covers routing,
/// sharding, storage and the merge as well as the model. <see cref="CreateAsync"/> makes the gallery.
/// </summary>
public sealed class GridEvaluationGallery : IEvaluationGallery
{
    private readonly FaceGridClient client;

    private GridEvaluationGallery(FaceGridClient client, GalleryId id)
    {
        this.client = client;
        Id = id;
    }

    public GalleryId Id { get; }

    /// <summary>Evaluation searches state their purpose too, and are logged like any other.</summary>
    private SearchPurpose Purpose { get; } = new("system-evaluation", $"EVAL-{DateTimeOffset.UtcNow:yyyyMMdd-HHmmss}",
        SubjectCategory.Suspect, "Accuracy evaluation of the face pipeline on a labelled test set");

    /// <summary>Creates <paramref name="id"/> for the client's model. Creation is idempotent for the same settings, so
    /// reusing a name reuses its subjects: use <see cref="FreshName"/> for a clean measurement.</summary>
    public static async Task<GridEvaluationGallery> CreateAsync(FaceGridClient client, GalleryId id, GalleryConfig? config = null)
    {
        await client.CreateGalleryAsync(id, config ?? GalleryConfig.Default);
        return new GridEvaluationGallery(client, id);
    }

    /// <summary>A fresh name per run, <c>faces-eval-yyyyMMdd-HHmmss</c> (UTC), so runs do not see each other's subjects.</summary>
    public static string FreshName(DateTimeOffset now) => $"faces-eval-{now.UtcDateTime:yyyyMMdd-HHmmss}";

    public Task EnrolAsync(string subjectRef, float[] template, CancellationToken cancellationToken = default) =>
        client.EnrolTemplateAsync(Id, subjectRef, template, cancellationToken);

    public async Task<IReadOnlyList<string>> SearchAsync(float[] probe, int k, CancellationToken cancellationToken = default)
    {
        var result = await client.SearchTemplateAsync([Id], probe, Purpose, k, cancellationToken: cancellationToken);
        return result.Response.Candidates.OrderBy(c => c.Rank).Select(c => c.SubjectRef).ToList();
    }
}
