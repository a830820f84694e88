using System.Diagnostics;
using Grid.Client.Files;
using Grid.Client.Http;
using Grid.Protocol.Errors;
using Grid.Protocol.Galleries;
using Grid.Protocol.Identity;
using Grid.Protocol.Search;
using Grid.Protocol.Wire;

namespace Grid.Client;

public sealed partial class GridClient
{
    /// <inheritdoc />
    public Task<PrincipalView> WhoAmIAsync(CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, "v1/me", null, Types.PrincipalView, cancellationToken);

    /// <inheritdoc />
    public Task<GalleryInfo> CreateGalleryAsync(GalleryId id, GalleryConfig config, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Put, GalleryPath(id), Json(config, Types.GalleryConfig), Types.GalleryInfo, cancellationToken);

    /// <inheritdoc />
    public async Task<GalleryInfo?> GetGalleryAsync(GalleryId id, CancellationToken cancellationToken = default)
    {
        try
        {
            return await SendAsync(HttpMethod.Get, GalleryPath(id), null, Types.GalleryInfo, cancellationToken);
        }
        catch (GridException e) when (e.Code == ProblemCodes.GalleryNotFound)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public Task<GalleryStatus> GetGalleryStatusAsync(GalleryId id, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, GalleryPath(id) + "/status", null, Types.GalleryStatus, cancellationToken);

    /// <inheritdoc />
    public Task<GalleryId[]> ListGalleriesAsync(CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, "v1/galleries", null, Types.GalleryIdArray, cancellationToken);

    /// <inheritdoc />
    public Task<EnrolResult> EnrolAsync(GalleryId id, EnrolBatch batch, CancellationToken cancellationToken = default) =>
        EnrolRowsAsync(id, batch.SubjectRefs, batch.Vectors, batch.ModelId, cancellationToken);

    /// <inheritdoc />
    public async Task<EnrolResult> EnrolBulkAsync(GalleryId id, string[] subjectRefs, TemplateSet templates, string modelId,
        int batchSize = DefaultBatchSize, int skip = 0, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        if (subjectRefs.Length != templates.Rows)
            throw new ArgumentException($"{subjectRefs.Length} subjectRefs for {templates.Rows} templates; they must match.");
        if (skip < 0 || skip > templates.Rows)
            throw new ArgumentException($"--skip {skip} is outside the file's {templates.Rows} rows.");
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        // The whole file is checked before the first request, so a bad row late in it stores nothing.
        TemplateFileCheck.Require(subjectRefs, templates, skip);
        var total = EnrolResult.None;
        var done = skip;
        try
        {
            while (done < templates.Rows)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var count = Math.Min(batchSize, templates.Rows - done);
                var vectors = templates.Vectors.AsMemory(done * TemplateWire.Dimension, count * TemplateWire.Dimension);
                total = total.Plus(await EnrolRowsAsync(id, new ArraySegment<string>(subjectRefs, done, count), vectors, modelId, cancellationToken));
                done += count;
                progress?.Report(done);
            }
        }
        catch (Exception e) when (e is not ArgumentException)
        {
            // Rows of the failed request the grid acknowledged before it stopped (it says so in the problem) count too.
            var partial = (e as GridException)?.Problem?.AcknowledgedRows ?? 0;
            throw new BulkEnrolInterruptedException(done + partial, templates.Rows, e);
        }
        return total;
    }

    private Task<EnrolResult> EnrolRowsAsync(GalleryId id, IReadOnlyCollection<string> subjectRefs, ReadOnlyMemory<float> vectors, string modelId,
        CancellationToken cancellationToken)
    {
        // The subjects part first, then the .npy part: the grid checks every subjectRef before it reads a template.
        var body = new MultipartFormDataContent
        {
            { Text(subjectRefs), TemplateWire.SubjectsPart },
            { new NpyContent(vectors), TemplateWire.TemplatesPart, "templates.npy" },
        };
        var rows = Math.Max(1, subjectRefs.Count);
        return SendAsync(HttpMethod.Post, $"{GalleryPath(id)}/templates?model={Segment(modelId)}&batch={Math.Min(rows, 10_000)}", body,
            Types.EnrolResult, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<int> RemoveAsync(GalleryId id, string subjectRef, CancellationToken cancellationToken = default) =>
        (await SendAsync(HttpMethod.Delete, $"{GalleryPath(id)}/subjects?ref={Segment(subjectRef)}", null, Types.RemoveResult, cancellationToken)).TemplatesRemoved;

    /// <inheritdoc />
    public async Task SnapshotAsync(GalleryId id, CancellationToken cancellationToken = default)
    {
        using var _ = await SendAsync(HttpMethod.Post, GalleryPath(id) + "/snapshot", null, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<int> RebalanceAsync(GalleryId id, CancellationToken cancellationToken = default) =>
        (await SendAsync(HttpMethod.Post, GalleryPath(id) + "/rebalance", null, Types.RebalanceResult, cancellationToken)).Moved;

    /// <inheritdoc />
    public Task<ReindexResult> ReindexAsync(GalleryId id, string engine, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, GalleryPath(id) + "/reindex", Json(new ReindexRequest(engine), Types.ReindexRequest), Types.ReindexResult, cancellationToken);

    /// <inheritdoc />
    public async Task<TimedSearch> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var response = await SendAsync(HttpMethod.Post, "v1/search", Json(request, Types.SearchRequest), Types.SearchResponse, cancellationToken);
        return new TimedSearch(response, clock.Elapsed.TotalMilliseconds);
    }

    /// <inheritdoc />
    public Task<GridStatus> GetStatusAsync(CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, "v1/status", null, Types.GridStatus, cancellationToken);

    /// <inheritdoc />
    public Task<Protocol.Sharing.OffenceCategory[]> ListOffencesAsync(CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, "v1/offences", null, Types.OffenceCategoryArray, cancellationToken);

    private static string GalleryPath(GalleryId id) => $"v1/galleries/{Segment(id.Force)}/{Segment(id.Name)}";
}
