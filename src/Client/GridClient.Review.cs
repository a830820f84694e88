using System.Globalization;
using System.Net.Http.Headers;
using Grid.Protocol.Errors;
using Grid.Protocol.Galleries;
using Grid.Protocol.Review;

namespace Grid.Client;

/// <summary>Review cases, follow-ups and subject records: the examiners' side of the client.</summary>
public sealed partial class GridClient
{
    /// <inheritdoc />
    public Task<CaseSummary[]> ListCasesAsync(string force, bool undecidedOnly = false, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, $"v1/forces/{Segment(force)}/cases{(undecidedOnly ? "?queue=undecided" : "")}", null, Types.CaseSummaryArray, cancellationToken);

    /// <inheritdoc />
    public Task<ReviewCase> GetCaseAsync(string force, string searchId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, CasePath(force, searchId), null, Types.ReviewCase, cancellationToken);

    /// <inheritdoc />
    public Task<ReviewCase> DecideAsync(string force, string searchId, int rank, ReviewVerdict verdict, string note, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, $"{CandidatePath(force, searchId, rank)}/decisions", Json(new DecideRequest(verdict, note), Types.DecideRequest), Types.ReviewCase, cancellationToken);

    /// <inheritdoc />
    public async Task<GridImage> GetCandidateImageAsync(string force, string searchId, int rank, CancellationToken cancellationToken = default) =>
        await ImageAsync($"{CandidatePath(force, searchId, rank)}/image", cancellationToken);

    /// <inheritdoc />
    public Task<FollowUpView> RequestFollowUpAsync(string force, string searchId, int rank, FollowUpRequest request, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, $"{CandidatePath(force, searchId, rank)}/follow-up", Json(request, Types.FollowUpRequest), Types.FollowUpView, cancellationToken);

    /// <inheritdoc />
    public Task<FollowUpView[]> ListFollowUpsAsync(string force, bool incoming, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, $"v1/forces/{Segment(force)}/follow-ups?direction={(incoming ? "incoming" : "outgoing")}", null, Types.FollowUpViewArray, cancellationToken);

    /// <inheritdoc />
    public Task<FollowUpView> GetFollowUpAsync(string followUpId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, FollowUpPath(followUpId), null, Types.FollowUpView, cancellationToken);

    /// <inheritdoc />
    public Task<FollowUpView> ReleaseFollowUpAsync(string followUpId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, FollowUpPath(followUpId) + "/release", null, Types.FollowUpView, cancellationToken);

    /// <inheritdoc />
    public Task<FollowUpView> DeclineFollowUpAsync(string followUpId, string reason, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, FollowUpPath(followUpId) + "/decline", Json(new FollowUpDecline(reason), Types.FollowUpDecline), Types.FollowUpView, cancellationToken);

    /// <inheritdoc />
    public Task<FollowUpView> ExtendFollowUpAsync(string followUpId, string authorisation, DateTimeOffset until, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, FollowUpPath(followUpId) + "/extend", Json(new FollowUpExtension(authorisation, until), Types.FollowUpExtension), Types.FollowUpView, cancellationToken);

    /// <inheritdoc />
    public async Task SetCoreDataAsync(GalleryId gallery, string subjectRef, SubjectCoreData coreData, CancellationToken cancellationToken = default)
    {
        using var _ = await SendAsync(HttpMethod.Put, SubjectPath(gallery, "core-data", subjectRef), Json(coreData, Types.SubjectCoreData), cancellationToken);
    }

    /// <inheritdoc />
    public async Task<SubjectCoreData?> GetCoreDataAsync(GalleryId gallery, string subjectRef, CancellationToken cancellationToken = default)
    {
        try
        {
            return await SendAsync(HttpMethod.Get, SubjectPath(gallery, "core-data", subjectRef), null, Types.SubjectCoreData, cancellationToken);
        }
        catch (GridException e) when (e.Code == ProblemCodes.NoCoreData)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public async Task SetSubjectImageAsync(GalleryId gallery, string subjectRef, ReadOnlyMemory<byte> image, CancellationToken cancellationToken = default)
    {
        // The type is what the bytes say, never a file name; a non-image goes as octet-stream and the grid refuses it.
        var content = new ReadOnlyMemoryContent(image);
        content.Headers.ContentType = new MediaTypeHeaderValue(GridImage.Sniff(image.Span) ?? "application/octet-stream");
        using var _ = await SendAsync(HttpMethod.Put, SubjectPath(gallery, "image", subjectRef), content, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<GridImage?> GetSubjectImageAsync(GalleryId gallery, string subjectRef, CancellationToken cancellationToken = default)
    {
        try
        {
            return await ImageAsync(SubjectPath(gallery, "image", subjectRef), cancellationToken);
        }
        catch (GridException e) when (e.Code == ProblemCodes.NoImage)
        {
            return null;
        }
    }

    private async Task<GridImage> ImageAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, path, null, cancellationToken);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        // Trust the bytes, not the header: anything but a JPEG or PNG is not handed on as an image.
        var type = GridImage.Sniff(bytes)
                   ?? throw new GridException(ProblemCodes.NotAnImage, (int)response.StatusCode, $"The grid answered {path} with bytes that are not a JPEG or PNG.");
        return new GridImage(type, bytes);
    }

    private static string CasePath(string force, string searchId) => $"v1/forces/{Segment(force)}/cases/{Segment(searchId)}";

    private static string CandidatePath(string force, string searchId, int rank) =>
        $"{CasePath(force, searchId)}/candidates/{rank.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>A follow-up id is <c>OWNER/REQUESTER.searchId.rank</c>: the owner is the force in the path.</summary>
    internal static string FollowUpPath(string followUpId)
    {
        var slash = followUpId.IndexOf('/');
        if (slash <= 0 || slash == followUpId.Length - 1 || followUpId.IndexOf('/', slash + 1) >= 0)
            throw new ArgumentException($"'{followUpId}' is not a follow-up id (OWNER/REQUESTER.searchId.rank).", nameof(followUpId));
        return $"v1/forces/{Segment(followUpId[..slash])}/follow-ups/{Segment(followUpId[(slash + 1)..])}";
    }

    private static string SubjectPath(GalleryId gallery, string what, string subjectRef) =>
        $"v1/galleries/{Segment(gallery.Force)}/{Segment(gallery.Name)}/subjects/{what}?ref={Segment(subjectRef)}";
}
