using Grid.Protocol.Identity;
using Grid.Protocol.Review;
using Grid.Protocol.Sharing;
using Microsoft.AspNetCore.Mvc;

namespace Grid.Portal.Pages.Cases;

/// <summary>
/// A review case: the probe (its aligned crop, when this session made the search; the grid never has it) beside each
/// candidate's reference image where the owner's agreement shares images, decisions (four-eyes: others' decisions stay
/// hidden until the reviewer records their own — the grid enforces that, the page only shows what it is given), and
/// the follow-up request after a confirmed match, with released core data.
/// </summary>
public sealed class DetailModel(Grid.Portal.Review.ProbeCropStore crops) : PortalPageModel
{
    [BindProperty(SupportsGet = true)] public string SearchId { get; set; } = "";
    [BindProperty] public int Rank { get; set; }
    [BindProperty] public ReviewVerdict? Verdict { get; set; }
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public string? Offence { get; set; }
    [BindProperty] public string? Facts { get; set; }

    public ReviewCase? Case { get; private set; }

    public OffenceCategory[] Offences { get; private set; } = [];

    /// <summary>Per candidate rank: null when its reference image may be shown, else why not.</summary>
    public IReadOnlyDictionary<int, string?>? ImageNotes { get; private set; }

    /// <summary>The probe crop, when this session made the search.</summary>
    public string? ProbeCropId { get; private set; }

    /// <summary>Whether this portal still holds the probe crop of the force's search (made in another session).</summary>
    public bool HasStoredProbe { get; private set; }

    public bool IsReviewer => Session.Has(Role.Reviewer);

    /// <summary>Whether the signed-in user already decided on <paramref name="candidate"/>.</summary>
    public bool DecidedByMe(CaseCandidate candidate) => candidate.Decisions.Any(d =>
        d.Reviewer == Session.Principal.User || d.Reviewer == $"{Session.Force}:{Session.Principal.User}");

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task OnPostDecideAsync(CancellationToken cancellationToken)
    {
        if (Verdict is not { } verdict)
            Error = "Choose possible match, no match or inconclusive.";
        else if (await TryAsync(async () => await Session.Grid.DecideAsync(Session.Force, SearchId, Rank, verdict, Note ?? "", cancellationToken)))
            Notice = $"Your decision on candidate {Rank} is recorded.";
        await LoadAsync(cancellationToken);
    }

    public async Task OnPostFollowUpAsync(CancellationToken cancellationToken)
    {
        if (await TryAsync(async () => await Session.Grid.RequestFollowUpAsync(Session.Force, SearchId, Rank,
                new FollowUpRequest(Offence ?? "", Facts ?? ""), cancellationToken)))
            Notice = $"Follow-up for candidate {Rank} sent to the owner; the 48-hour clock runs.";
        await LoadAsync(cancellationToken);
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        ProbeCropId = Session.Searches().FirstOrDefault(s => s.Response.SearchId == SearchId)?.Id;
        HasStoredProbe = ProbeCropId is null && crops.Find(Session.Force, SearchId) is not null;
        await TryAsync(async () =>
        {
            Case = await Session.Grid.GetCaseAsync(Session.Force, SearchId, cancellationToken);
            ImageNotes = await Grid.Portal.Review.CandidateImages.ProbeAsync(Session.Grid, Session.Force, Case, cancellationToken);
            if (Case.Candidates.Any(c => c.Outcome == ReviewOutcome.PossibleMatch && c.FollowUp is null))
                Offences = await Session.Grid.ListOffencesAsync(cancellationToken);
        });
    }
}
