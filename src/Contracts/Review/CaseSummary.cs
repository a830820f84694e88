namespace Grid.Contracts.Review;

/// <summary>One line of a force's case list. <see cref="ReleasedDataSince"/>: the earliest core data the case holds,
/// so retention can find it without opening every case.</summary>
[GenerateSerializer, Immutable, Alias("grid.case-summary")]
public sealed record CaseSummary(
    [property: Id(0)] string SearchId,
    [property: Id(1)] string CaseReference,
    [property: Id(2)] string Offence,
    [property: Id(3)] DateTimeOffset CreatedAt,
    [property: Id(4)] int Candidates,
    [property: Id(5)] int Undecided,
    [property: Id(6)] int FollowUpsPending,
    [property: Id(7)] DateTimeOffset? ReleasedDataSince);
