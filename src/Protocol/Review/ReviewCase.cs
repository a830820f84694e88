using Grid.Protocol.Search;

namespace Grid.Protocol.Review;

/// <summary>
/// The requester's record of one search, for human review. The grid never keeps the probe: only
/// <see cref="ProbeFingerprint"/> (SHA-256 of the template's bytes), so the examiner can tie the case to the probe
/// image kept at their own site (Prüm II Art 50).
/// </summary>
public sealed record ReviewCase(
    string SearchId,
    string Force,
    string SearchedBy,
    SearchPurpose Purpose,
    string ModelId,
    string ProbeFingerprint,
    DateTimeOffset CreatedAt,
    Coverage Coverage,
    SearchRefusal[] Refusals,
    CaseCandidate[] Candidates)
{
    /// <summary>Candidates still waiting for a reviewer.</summary>
    public int Undecided => Candidates.Count(c => c.Outcome == ReviewOutcome.Undecided);
}
