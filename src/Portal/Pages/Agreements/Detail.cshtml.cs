using Grid.Portal.Agreements;
using Grid.Protocol.Identity;
using Grid.Protocol.Sharing;
using Microsoft.AspNetCore.Mvc;

namespace Grid.Portal.Pages.Agreements;

/// <summary>One agreement: its terms, what changed since the version last accepted, its history, and the actions open to
/// this force (the requester accepts a proposal; the owner suspends, resumes or revokes).</summary>
public sealed class DetailModel : PortalPageModel
{
    [BindProperty(SupportsGet = true)] public string Owner { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string Requester { get; set; } = "";
    [BindProperty] public int Version { get; set; }
    [BindProperty] public AgreementAction Action { get; set; }

    public AgreementView? View { get; private set; }

    public IReadOnlyList<TermsChange> Changes { get; private set; } = [];

    public AgreementKey Key => new(Owner, Requester);

    public bool IsOwner => Owner == Session.Force;

    public bool IsRequester => Requester == Session.Force;

    public bool CanAct => Session.Has(Role.AgreementAdmin);

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task OnPostAcceptAsync(CancellationToken cancellationToken)
    {
        if (await TryAsync(async () => await Session.Grid.AcceptAgreementAsync(Key, Version, cancellationToken)))
            Notice = $"Version {Version} accepted: {Key} is in force.";
        await LoadAsync(cancellationToken);
    }

    public async Task OnPostChangeAsync(CancellationToken cancellationToken)
    {
        if (await TryAsync(async () => await Session.Grid.ChangeAgreementAsync(Key, Action, cancellationToken)))
            Notice = $"{Key}: {Action.ToString().ToLowerInvariant()} done.";
        await LoadAsync(cancellationToken);
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        await TryAsync(async () =>
        {
            View = await Session.Grid.GetAgreementAsync(Key, cancellationToken);
            if (View.Terms is { } terms) Changes = TermsDiff.Between(TermsDiff.LastAccepted(View), terms);
        });
    }
}
