using Grid.Contracts.Audit;
using Grid.Contracts.Identity;
using Grid.Grains.Search;

namespace Grid.Grains.Review;

/// <summary>Review and follow-up entries, at the requester and (for a partner's candidate) at the owner, each naming
/// the other force as partner. Never subject references, notes, images or core data: search id and rank identify the candidate.</summary>
public static class ReviewAudit
{
    public static Task BothAsync(
        IGrainFactory grains, ForceId requester, ForceId owner, AuditKind kind, Principal actor, string? offence, string? caseReference, string detail)
    {
        var entry = new AuditEvent(kind, actor.ToString(), owner, offence, caseReference, [], [], 0, detail);
        var appends = new List<Task> { SiloFailover.CallAsync(() => grains.GetGrain<IAuditLogGrain>(requester.Value).AppendAsync(entry)) };
        if (owner != requester)
            appends.Add(SiloFailover.CallAsync(() => grains.GetGrain<IAuditLogGrain>(owner.Value).AppendAsync(entry with { Partner = requester })));
        return Task.WhenAll(appends);
    }
}
