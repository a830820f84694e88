using Grid.Protocol.Identity;
using Grid.Protocol.Review;
using Microsoft.AspNetCore.Mvc;

namespace Grid.Portal.Pages;

/// <summary>Follow-ups the force asked (outgoing) and was asked (incoming), with the 48-hour clock; the owner's reviewer
/// releases core data, declines with a reason, or records an extension for a judicial authorisation.</summary>
public sealed class FollowUpsModel(TimeProvider time) : PortalPageModel
{
    [BindProperty] public string? FollowUpId { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? Authorisation { get; set; }
    [BindProperty] public DateTime? Until { get; set; }

    public FollowUpView[] Outgoing { get; private set; } = [];

    public FollowUpView[] Incoming { get; private set; } = [];

    public DateTimeOffset Now => time.GetUtcNow();

    public bool IsReviewer => Session.Has(Role.Reviewer);

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task OnPostReleaseAsync(CancellationToken cancellationToken)
    {
        if (await TryAsync(async () => await Session.Grid.ReleaseFollowUpAsync(FollowUpId ?? "", cancellationToken)))
            Notice = $"Core data released to the requesting case ({FollowUpId}).";
        await LoadAsync(cancellationToken);
    }

    public async Task OnPostDeclineAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(Reason))
            Error = "Give the reason for declining: the requester sees it.";
        else if (await TryAsync(async () => await Session.Grid.DeclineFollowUpAsync(FollowUpId ?? "", Reason, cancellationToken)))
            Notice = $"Follow-up {FollowUpId} declined.";
        await LoadAsync(cancellationToken);
    }

    public async Task OnPostExtendAsync(CancellationToken cancellationToken)
    {
        if (Until is not { } until || string.IsNullOrWhiteSpace(Authorisation))
            Error = "Name the judicial authorisation awaited and the new deadline.";
        else if (await TryAsync(async () => await Session.Grid.ExtendFollowUpAsync(FollowUpId ?? "", Authorisation,
                     new DateTimeOffset(DateTime.SpecifyKind(until, DateTimeKind.Utc)), cancellationToken)))
            Notice = $"Follow-up {FollowUpId} extended.";
        await LoadAsync(cancellationToken);
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        await TryAsync(async () =>
        {
            Outgoing = await Session.Grid.ListFollowUpsAsync(Session.Force, incoming: false, cancellationToken);
            Incoming = await Session.Grid.ListFollowUpsAsync(Session.Force, incoming: true, cancellationToken);
        });
    }
}
