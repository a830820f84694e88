namespace Grid.Protocol.Review;

/// <summary>One line of a force's case list.</summary>
/// <param name="SearchId">The case's id (the search's).</param>
/// <param name="Undecided">Candidates still waiting for a reviewer; the review queue lists cases with any.</param>
/// <param name="FollowUpsPending">Follow-ups asked and not yet answered.</param>
/// <param name="ReleasedDataSince">When the earliest core data the case holds was released (retention runs from it).</param>
public sealed record CaseSummary(
    string SearchId,
    string CaseReference,
    string Offence,
    DateTimeOffset CreatedAt,
    int Candidates,
    int Undecided,
    int FollowUpsPending,
    DateTimeOffset? ReleasedDataSince);
