using Grid.Contracts.Audit;
using Grid.Contracts.Galleries;
using Grid.Contracts.Identity;
using Grid.Contracts.Review;
using Grid.Contracts.Sharing;
using Grid.Contracts.Templates;
using Grid.Grains.Placement;
using Grid.Grains.Search;
using Microsoft.Extensions.Options;

namespace Grid.Grains.Review;

/// <summary>
/// The owner's reference image and core data of one subject [key FORCE/gallery/subjectRef], in the owner's grain
/// storage on the owner's silos. Neither is indexed nor searched; the audit says that something was recorded or
/// shared, never what.
/// </summary>
[ForcePinnedPlacement]
public sealed class SubjectRecordGrain(
    [PersistentState("subject", GridStorage.GrainStateStore)] IPersistentState<SubjectRecordState> state,
    IOptions<ReviewOptions> options) : Grain, ISubjectRecordGrain
{
    private GalleryId _gallery = null!;
    private ForceId _owner = null!;
    private string _subjectRef = "";

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var key = this.GetPrimaryKeyString();
        var first = key.IndexOf('/');
        var second = key.IndexOf('/', first + 1);
        _gallery = new GalleryId(key[..first], key[(first + 1)..second]);
        _owner = ForceId.Parse(_gallery.Force);
        _subjectRef = key[(second + 1)..];
        return Task.CompletedTask;
    }

    public async Task SetImageAsync(CandidateImage image)
    {
        var enroller = await RequireEnrollerAsync();
        var sniffed = image?.Bytes is { Length: > 0 } bytes ? CandidateImage.Sniff(bytes) : null;
        if (sniffed is null || image!.ContentType != sniffed)
            throw new ReviewRefusedException(ReviewRefusal.InvalidInput,
                $"A reference image is a JPEG or PNG whose bytes match its content type ({image?.ContentType ?? "none"} given).");
        if (image.Bytes.Length > options.Value.MaxImageBytes)
            throw new ReviewRefusedException(ReviewRefusal.InvalidInput,
                $"The image is {image.Bytes.Length} bytes; the limit is {options.Value.MaxImageBytes}.");
        state.State.Image = image with { Bytes = (byte[])image.Bytes.Clone() };
        await state.WriteStateAsync();
        await AuditAsync(enroller, $"reference image recorded for a subject of {_gallery} ({image.ContentType}, {image.Bytes.Length} bytes)");
    }

    public async Task SetCoreDataAsync(SubjectCoreData coreData)
    {
        var enroller = await RequireEnrollerAsync();
        var problems = coreData?.Validate() ?? ["Core data is missing."];
        if (problems.Count > 0) throw new ReviewRefusedException(ReviewRefusal.InvalidInput, string.Join(" ", problems));
        state.State.CoreData = coreData;
        await state.WriteStateAsync();
        await AuditAsync(enroller, $"core data recorded for a subject of {_gallery}");
    }

    public Task<CandidateImage?> GetImageAsync()
    {
        RequireOwnReader();
        return Task.FromResult(state.State.Image);
    }

    public Task<SubjectCoreData?> GetCoreDataAsync()
    {
        RequireOwnReader();
        return Task.FromResult(state.State.CoreData);
    }

    public async Task<CandidateImage> GetImageForCaseAsync(string searchId, int rank)
    {
        GridRequestContext.RequireInternalCall();
        var reader = GridRequestContext.RequirePrincipal();
        var requester = reader.Force ?? throw new GridAccessDeniedException($"{reader} is not a user of a force.");
        if (requester != _owner)
        {
            // Checked here, by the owner, when the image is asked for: a suspension or revocation since the search counts.
            var agreement = await SiloFailover.CallAsync(() =>
                GrainFactory.GetGrain<ISharingAgreementGrain>(new AgreementKey(_owner, requester).ToString()).GetAsync());
            if (agreement.Status != AgreementStatus.Active || agreement.Terms is not { ShareImages: true } terms || !terms.Covers(_gallery))
                throw new ReviewRefusedException(ReviewRefusal.ImagesNotShared,
                    $"The agreement {agreement.Key} ({agreement.Status}) does not share candidate images of {_gallery}: compare templates only.");
        }

        var image = state.State.Image ?? throw new ReviewRefusedException(ReviewRefusal.NoImage, $"{_owner} attached no reference image to candidate {rank}.");
        await ReviewAudit.BothAsync(GrainFactory, requester, _owner, AuditKind.CandidateImage, reader, null, null,
            $"reference image of case {searchId} candidate {rank} ({_gallery}) shared");
        return image;
    }

    public Task<SubjectCoreData?> GetCoreDataForReleaseAsync()
    {
        GridRequestContext.RequireInternalCall();
        GridRequestContext.RequireRole(_owner, Role.Reviewer);
        return Task.FromResult(state.State.CoreData);
    }

    public async Task ForgetAsync()
    {
        GridRequestContext.RequireInternalCall();
        if (state.State.Image is null && state.State.CoreData is null) return;
        await state.ClearStateAsync();
        state.State = new SubjectRecordState();
    }

    private async Task<Principal> RequireEnrollerAsync()
    {
        var enroller = GridRequestContext.RequireRole(_owner, Role.Enroller);
        SubjectRefRules.Validate(_subjectRef);
        if (await SiloFailover.CallAsync(() => GrainFactory.GetGrain<IGalleryGrain>(_gallery.Key).GetAsync()) is null)
            throw new ReviewRefusedException(ReviewRefusal.InvalidInput, $"Gallery {_gallery} does not exist.");
        return enroller;
    }

    private void RequireOwnReader()
    {
        var reader = GridRequestContext.RequirePrincipal();
        if (!reader.Acts(_owner, Role.Enroller) && !reader.Acts(_owner, Role.Reviewer))
            throw new GridAccessDeniedException($"{reader} may not read {_owner}'s subject records: that needs an enroller or reviewer of {_owner}.");
    }

    private Task AuditAsync(Principal actor, string detail) => SiloFailover.CallAsync(() =>
        GrainFactory.GetGrain<IAuditLogGrain>(_owner.Value).AppendAsync(AuditEvent.Note(AuditKind.Enrolment, actor.ToString(), null, detail)));
}
