using Grid.Protocol.Review;
using Microsoft.AspNetCore.Mvc;

namespace Grid.Portal.Pages;

/// <summary>The review queue: the force's cases with candidates waiting for a reviewer (or every case).</summary>
public sealed class ReviewModel : PortalPageModel
{
    [BindProperty(SupportsGet = true)] public bool All { get; set; }

    public CaseSummary[] Cases { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        await TryAsync(async () => Cases = await Session.Grid.ListCasesAsync(Session.Force, undecidedOnly: !All, cancellationToken));
}
