using System.Collections.Immutable;
using Grid.Contracts.Galleries;
using Grid.Contracts.Identity;

namespace Grid.Contracts.Sharing;

/// <summary>
/// What an owner grants a requester: which of its galleries, for which offence categories, how
/// many candidates at most per search, from which score, how many searches a day (UTC), and when;
/// how many independent reviewers must confirm a candidate (four-eyes: 2) and whether candidate images
/// go with the reply (Prüm II Art 24 lets them; off unless said).
/// </summary>
[GenerateSerializer, Immutable, Alias("grid.agreement-terms")]
public sealed record AgreementTerms(
    [property: Id(0)] ImmutableArray<GalleryId> Galleries,
    [property: Id(1)] ImmutableArray<string> Offences,
    [property: Id(2)] int MaxCandidates,
    [property: Id(3)] float MinScore,
    [property: Id(4)] int DailyQuota,
    [property: Id(5)] DateTimeOffset ValidFrom,
    [property: Id(6)] DateTimeOffset ValidUntil,
    [property: Id(7)] int RequiredReviewers = 1,
    [property: Id(8)] bool ShareImages = false)
{
    public const int MaxCandidatesLimit = 100;

    /// <summary>False, with every problem, when these terms do not fit an agreement owned by <paramref name="owner"/>.</summary>
    public bool TryValidate(ForceId owner, out IReadOnlyList<string> problems)
    {
        var found = new List<string>();
        problems = found;
        if (Galleries.IsDefaultOrEmpty)
        {
            found.Add("An agreement covers at least one gallery.");
        }
        else if (Galleries.Any(g => g.Force != owner))
        {
            found.Add($"An agreement of {owner} covers only galleries of {owner}.");
        }

        if (Offences.IsDefaultOrEmpty)
        {
            found.Add("An agreement allows at least one offence category.");
        }
        else
        {
            foreach (var code in Offences)
            {
                if (!OffenceCatalogue.TryGet(code, out var offence))
                {
                    found.Add($"'{code}' is not an offence category of the grid.");
                }
                else if (!offence!.EligibleForCrossBorder)
                {
                    found.Add($"'{code}' does not meet the one-year threshold and cannot be shared.");
                }
            }
        }

        if (MaxCandidates is < 1 or > MaxCandidatesLimit)
        {
            found.Add($"Maximum candidates must be between 1 and {MaxCandidatesLimit}.");
        }

        if (!float.IsFinite(MinScore) || MinScore is < -1f or > 1f)
        {
            found.Add("Minimum score must be a cosine similarity between -1 and 1.");
        }

        if (DailyQuota < 1)
        {
            found.Add("The daily search quota must be at least 1.");
        }

        if (RequiredReviewers is < 1 or > 2)
        {
            found.Add("Required reviewers is 1, or 2 for four-eyes review.");
        }

        if (ValidUntil <= ValidFrom)
        {
            found.Add("The validity window must end after it starts.");
        }

        return found.Count == 0;
    }

    /// <summary>Reviewers a candidate under these terms needs; agreements stored before the term existed read 0 and mean 1.</summary>
    public int ReviewersNeeded => Math.Max(1, RequiredReviewers);

    public bool Covers(GalleryId gallery) => !Galleries.IsDefault && Galleries.Contains(gallery);

    public bool Allows(string offence) => !Offences.IsDefault && Offences.Contains(offence, StringComparer.Ordinal);
}
