using Grid.Contracts.Audit;
using Grid.Contracts.Galleries;
using Grid.Contracts.Identity;
using Grid.Contracts.Sharing;

namespace Grid.Grains.Sharing;

/// <summary>
/// What an owner's shard checks for itself before reading anything, trusting neither the
/// coordinator nor its arguments: the principal (set by the silo filter) searches its own force's
/// gallery, or presents a valid, unexpired ticket signed for exactly this principal, gallery and purpose.
/// </summary>
public sealed class ShardAccessCheck(SearchTicketSigner signer)
{
    public ShardAccess Check(GalleryId gallery, Principal? principal, SearchPurpose purpose, SearchTicket? ticket, DateTimeOffset now)
    {
        if (principal?.Force is null || !principal.Has(Role.Searcher))
        {
            return ShardAccess.Deny("No searcher principal on the call.");
        }

        if (!purpose.IsValid)
        {
            return ShardAccess.Deny("The search states no complete purpose.");
        }

        if (gallery.Force == principal.Force.Value)
        {
            return ShardAccess.Allow(SearchCaps.Unlimited);
        }

        if (ticket is null)
        {
            return ShardAccess.Deny($"{principal.Force} needs a ticket from {gallery.Force} to search {gallery}.");
        }

        var check = signer.Verify(ticket, now);
        return check != TicketCheck.Valid ? ShardAccess.Deny($"Ticket refused: {check}.")
            : ticket.Agreement.Owner.Value != gallery.Force ? ShardAccess.Deny($"Ticket is for {ticket.Agreement.Owner}'s galleries, not {gallery.Force}'s.")
            : ticket.Agreement.Requester != principal.Force || ticket.User != principal.User ? ShardAccess.Deny($"Ticket was issued to someone other than {principal}.")
            : ticket.Galleries.IsDefault || !ticket.Galleries.Contains(gallery) ? ShardAccess.Deny($"Ticket does not cover {gallery}.")
            : ticket.Purpose != purpose ? ShardAccess.Deny("Ticket was issued for another purpose.")
            : ShardAccess.Allow(new SearchCaps(ticket.MaxCandidates, ticket.MinScore));
    }

    /// <summary>A refusal at the shard is logged at the owner and, when the caller has a force, at the caller's force:
    /// a search that reaches a shard without the coordinator's permission is exactly what both should see.</summary>
    public Task AuditRefusalAsync(IGrainFactory grains, GalleryId gallery, Principal? principal, SearchPurpose? purpose, string reason)
    {
        var owner = ForceId.Parse(gallery.Force);
        var entry = new AuditEvent(AuditKind.Refusal, principal?.ToString() ?? "anonymous", principal?.Force, purpose?.Offence, purpose?.CaseReference,
            [gallery], [], 0, $"Shard refused a search of {gallery}: {reason}");
        var appends = new List<Task> { grains.GetGrain<IAuditLogGrain>(owner.Value).AppendAsync(entry) };
        if (principal?.Force is { } requester && requester != owner)
            appends.Add(grains.GetGrain<IAuditLogGrain>(requester.Value).AppendAsync(entry with { Partner = owner }));
        return Task.WhenAll(appends);
    }
}
