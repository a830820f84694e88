using System.Globalization;
using Grid.Protocol.Galleries;
using Grid.Protocol.Identity;
using Grid.Protocol.Sharing;
using Microsoft.AspNetCore.Mvc;

namespace Grid.Portal.Pages.Agreements;

/// <summary>Every agreement the force is party to, and the owner's form to propose terms to a partner.</summary>
public sealed class IndexModel(TimeProvider time) : PortalPageModel
{
    public AgreementView[] Agreements { get; private set; } = [];

    public OffenceCategory[] Offences { get; private set; } = [];

    public GalleryId[] OwnGalleries { get; private set; } = [];

    public bool CanPropose => Session.Has(Role.AgreementAdmin);

    [BindProperty] public string? Requester { get; set; }
    [BindProperty] public List<string> Galleries { get; set; } = [];
    [BindProperty] public List<string> SelectedOffences { get; set; } = [];
    [BindProperty] public int MaxCandidates { get; set; } = 5;
    [BindProperty] public float MinScore { get; set; } = 0.2f;
    [BindProperty] public int DailyQuota { get; set; } = 100;
    [BindProperty] public int ValidDays { get; set; } = 365;
    [BindProperty] public int RequiredReviewers { get; set; } = 1;
    [BindProperty] public bool ShareImages { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostProposeAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(Requester))
            Error = "Name the partner force that may search (e.g. NL or DE-BKA).";
        else if (Galleries.Count == 0 || SelectedOffences.Count == 0)
            Error = "Choose at least one of your galleries and one offence category.";
        else
        {
            var now = time.GetUtcNow();
            var key = new AgreementKey(Session.Force, Requester.Trim().ToUpperInvariant());
            AgreementView? view = null;
            try
            {
                var terms = new AgreementTerms([.. Galleries.Select(GalleryId.Parse)], [.. SelectedOffences], MaxCandidates, MinScore, DailyQuota,
                    now, now.AddDays(ValidDays), RequiredReviewers, ShareImages);
                if (await TryAsync(async () => view = await Session.Grid.ProposeAgreementAsync(key, terms, cancellationToken)))
                    return Redirect($"/Agreements/Detail?owner={Uri.EscapeDataString(key.Owner)}&requester={Uri.EscapeDataString(key.Requester)}&proposed={view!.Version.ToString(CultureInfo.InvariantCulture)}");
            }
            catch (FormatException e)
            {
                Error = e.Message;
            }
        }
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        await TryAsync(async () =>
        {
            Agreements = await Session.Grid.ListAgreementsAsync(Session.Force, cancellationToken);
            Offences = await Session.Grid.ListOffencesAsync(cancellationToken);
            OwnGalleries = [.. (await Session.Grid.ListGalleriesAsync(cancellationToken)).Where(g => g.Force == Session.Force)];
        });
    }
}
