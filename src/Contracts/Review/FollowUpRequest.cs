using Grid.Contracts.Sharing;

namespace Grid.Contracts.Review;

/// <summary>What the requester tells the owner when it asks for core data after a confirmed match (Prüm II Art 47).</summary>
[GenerateSerializer, Immutable, Alias("grid.follow-up-request")]
public sealed record FollowUpRequest(
    [property: Id(0)] string Offence,
    [property: Id(1)] string Facts)
{
    public const int MinFactsLength = 20;
    public const int MaxFactsLength = 4000;

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!OffenceCatalogue.TryGet(Offence, out var offence))
            problems.Add($"'{Offence}' is not an offence category of the grid.");
        else if (!offence!.EligibleForCrossBorder)
            problems.Add($"'{Offence}' does not meet the one-year threshold: no follow-up across borders.");
        var facts = Facts?.Trim() ?? "";
        if (facts.Length < MinFactsLength || facts.Length > MaxFactsLength)
            problems.Add($"The description of the facts must be {MinFactsLength} to {MaxFactsLength} characters.");
        return problems;
    }
}
