using Grid.Client;
using Grid.Client.Faces;
using Grid.Faces.Imaging;
using Grid.Faces.Models;
using Grid.Faces.Pipeline;
using Grid.Portal.Search;
using Grid.Protocol.Galleries;
using Grid.Protocol.Search;
using Grid.Protocol.Sharing;
using Microsoft.AspNetCore.Mvc;

namespace Grid.Portal.Pages;

/// <summary>
/// Search by photo in three steps: upload (analysed here, in the portal's process), choose a face and state the purpose,
/// then the candidate list. Only the chosen face's template goes to the grid; the photo is dropped once the search is made.
/// </summary>
public sealed class SearchModel(PortalFaces faces, TimeProvider time, Grid.Portal.Review.ProbeCropStore crops) : PortalPageModel
{
    public ProbePhoto? Photo => Session.Photo;

    public IReadOnlyList<FaceBoxView> Boxes { get; private set; } = [];

    public OffenceCategory[] Offences { get; private set; } = [];

    public SearchRecord? Result { get; private set; }

    /// <summary>The review case the search opened (for which candidates' images the agreement shares), when the grid keeps cases.</summary>
    public Grid.Protocol.Review.ReviewCase? Case { get; private set; }

    /// <summary>Per candidate rank: null when its reference image may be shown, else why not.</summary>
    public IReadOnlyDictionary<int, string?>? ImageNotes { get; private set; }

    [BindProperty(SupportsGet = true)]
    public string? ResultId { get; set; }

    [BindProperty]
    public IFormFile? Upload { get; set; }

    [BindProperty]
    public int FaceIndex { get; set; }

    [BindProperty]
    public string? Offence { get; set; }

    [BindProperty]
    public string? CaseReference { get; set; }

    [BindProperty]
    public SubjectCategory Subject { get; set; } = SubjectCategory.Suspect;

    [BindProperty]
    public string? Justification { get; set; }

    [BindProperty]
    public string? Galleries { get; set; }

    [BindProperty]
    public int K { get; set; } = 10;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (ResultId is not null) Result = Session.FindSearch(ResultId);
        if (Result?.Response.SearchId is { } searchId)
            await TryAsync(async () =>
            {
                Case = await Session.Grid.GetCaseAsync(Session.Force, searchId, cancellationToken);
                ImageNotes = await Grid.Portal.Review.CandidateImages.ProbeAsync(Session.Grid, Session.Force, Case, cancellationToken);
            });
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostUploadAsync(CancellationToken cancellationToken)
    {
        Session.Photo = null;
        if (Upload is null || Upload.Length == 0)
        {
            Error = "Choose a photo to upload (JPEG, PNG, WebP or BMP).";
        }
        else
        {
            using var buffer = new MemoryStream();
            await Upload.CopyToAsync(buffer, cancellationToken);
            try
            {
                var photo = await Task.Run(() => PhotoUpload.Read(buffer.ToArray(), Upload.FileName, faces.Pipeline), cancellationToken);
                if (photo.Faces.Count == 0)
                    Error = $"No face was found in {photo.FileName}; a probe photo must show a face.";
                else
                    Session.Photo = photo;
            }
            catch (ImageRejectedException e)
            {
                Error = $"{Upload.FileName} is not a photo the portal can use: {e.Message}. Upload a JPEG, PNG, WebP or BMP photo.";
            }
            catch (FaceModelUnavailableException e)
            {
                Error = $"The face models are not available on this portal: {e.Message}";
            }
        }
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostSearchAsync(CancellationToken cancellationToken)
    {
        var photo = Session.Photo;
        if (photo is null)
        {
            Error = "The photo is no longer held (a search was made with it, or the session was renewed): upload it again.";
            await LoadAsync(cancellationToken);
            return Page();
        }
        if (FaceIndex < 0 || FaceIndex >= photo.Faces.Count)
        {
            Error = $"Choose one of the {photo.Faces.Count} faces boxed on the photo.";
            await LoadAsync(cancellationToken);
            return Page();
        }
        var face = photo.Faces[FaceIndex];
        if (face.Quality.Score < FaceSelection.DefaultMinQuality)
        {
            Error = $"Face {FaceIndex}: {FaceSelection.LowQualityDetail(face.Quality, FaceSelection.DefaultMinQuality)}. Choose another face or a better photo.";
            await LoadAsync(cancellationToken);
            return Page();
        }
        var purpose = new SearchPurpose(Offence ?? "", CaseReference ?? "", Subject, Justification ?? "");
        GalleryId[]? galleries;
        try
        {
            galleries = string.IsNullOrWhiteSpace(Galleries) ? null
                : [.. Galleries.Split([',', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(GalleryId.Parse)];
        }
        catch (FormatException e)
        {
            Error = $"Galleries: {e.Message} Write them as FORCE/name, separated by commas, or leave the field empty for every gallery you may search.";
            await LoadAsync(cancellationToken);
            return Page();
        }
        var modelId = faces.Pipeline.ModelId.Value;
        TimedSearch? answer = null;
        if (await TryAsync(async () =>
            {
                answer = await Session.Grid.SearchAsync(new SearchRequest(galleries, face.Template.Vector, purpose, modelId, K), cancellationToken);
            }))
        {
            var crop = FacePipeline.AlignedCrop(photo.Image, face).ToPng();
            var record = new SearchRecord(Guid.NewGuid().ToString("N"), time.GetUtcNow(), purpose, FaceIndex, face.Quality.Score, crop,
                answer!.Response, answer.LatencyMs, modelId);
            Session.Add(record);
            crops.Put(Session.Force, answer.Response.SearchId ?? "", crop); // for the force's other reviewers
            Session.Photo = null; // the photo's step is over: only the aligned probe crop stays, for comparison
            return Redirect($"/Search?ResultId={record.Id}");
        }
        await LoadAsync(cancellationToken);
        return Page();
    }

    public IActionResult OnPostDiscard()
    {
        Session.Photo = null;
        return Redirect("/Search");
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        if (Session.Photo is { } photo) Boxes = FaceBoxView.Of(photo.Faces, photo.Width, photo.Height);
        if (Session.Photo is not null && Offences.Length == 0)
            await TryAsync(async () => Offences = await Session.Grid.ListOffencesAsync(cancellationToken));
    }
}
