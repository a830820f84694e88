using System.Collections.Immutable;
using Grid.Contracts.Audit;
using Grid.Contracts.Identity;

namespace Grid.Grains.Audit;

/// <summary>Counts-only statistics by partner, derived from entries: searches, refusals, confirmed matches and follow-ups.</summary>
public sealed class AuditStats
{
    private readonly ForceId _force;
    private readonly Dictionary<string, PartnerStats> _byPartner;

    public AuditStats(ForceId force, IEnumerable<PartnerStats> start)
    {
        _force = force;
        _byPartner = start.ToDictionary(p => p.Partner.Value, StringComparer.Ordinal);
    }

    public void Count(AuditEntry entry)
    {
        if (entry.Kind is not (AuditKind.OutgoingSearch or AuditKind.IncomingSearch or AuditKind.OutgoingSearchOutcome
            or AuditKind.IncomingSearchOutcome or AuditKind.Refusal or AuditKind.MatchConfirmed
            or AuditKind.FollowUpRequested or AuditKind.FollowUpReleased or AuditKind.FollowUpDeclined))
        {
            return;
        }

        var partner = entry.Partner ?? _force;
        var s = _byPartner.GetValueOrDefault(partner.Value) ?? new PartnerStats(partner, 0, 0, 0, 0, 0);
        _byPartner[partner.Value] = entry.Kind switch
        {
            AuditKind.OutgoingSearch => s with { SearchesMade = s.SearchesMade + 1, CandidatesReceived = s.CandidatesReceived + entry.CandidateCount },
            AuditKind.IncomingSearch => s with { SearchesReceived = s.SearchesReceived + 1, CandidatesReturned = s.CandidatesReturned + entry.CandidateCount },
            // A search's candidates come in its outcome entry (its search entry, written before the reply, holds 0).
            AuditKind.OutgoingSearchOutcome => s with { CandidatesReceived = s.CandidatesReceived + entry.CandidateCount },
            AuditKind.IncomingSearchOutcome => s with { CandidatesReturned = s.CandidatesReturned + entry.CandidateCount },
            AuditKind.MatchConfirmed => s with { ConfirmedMatches = s.ConfirmedMatches + 1 },
            AuditKind.FollowUpRequested => s with { FollowUpsRequested = s.FollowUpsRequested + 1 },
            AuditKind.FollowUpReleased => s with { FollowUpsReleased = s.FollowUpsReleased + 1 },
            AuditKind.FollowUpDeclined => s with { FollowUpsDeclined = s.FollowUpsDeclined + 1 },
            _ => s with { Refusals = s.Refusals + 1 },
        };
    }

    public ImmutableArray<PartnerStats> ToArray() => [.. _byPartner.Values.OrderBy(p => p.Partner.Value, StringComparer.Ordinal)];
}
