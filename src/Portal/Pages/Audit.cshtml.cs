using Grid.Portal.Audit;
using Grid.Protocol.Audit;
using Microsoft.AspNetCore.Mvc;

namespace Grid.Portal.Pages;

/// <summary>The force's audit log: browse newest first, filter, and verify the hash chain with the partners' anchors.</summary>
public sealed class AuditModel : PortalPageModel
{
    [BindProperty(SupportsGet = true)] public AuditKind? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public string? Partner { get; set; }
    [BindProperty(SupportsGet = true)] public string? Actor { get; set; }
    [BindProperty(SupportsGet = true)] public string? CaseReference { get; set; }
    [BindProperty(SupportsGet = true)] public DateTime? Since { get; set; }

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    public int Total { get; private set; }

    public AuditPartnerVerification? Verification { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task OnPostVerifyAsync(CancellationToken cancellationToken)
    {
        await TryAsync(async () => Verification = await Session.Grid.VerifyAuditWithPartnersAsync(Session.Force, cancellationToken));
        await LoadAsync(cancellationToken);
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        await TryAsync(async () =>
        {
            var since = Since is { } s ? new DateTimeOffset(DateTime.SpecifyKind(s, DateTimeKind.Utc)) : (DateTimeOffset?)null;
            var export = await Session.Grid.GetAuditAsync(Session.Force, since, cancellationToken);
            Total = export.Entries.Length;
            Entries = new AuditFilter(Kind, Partner, Actor, CaseReference).Apply(export.Entries);
        });
    }
}
