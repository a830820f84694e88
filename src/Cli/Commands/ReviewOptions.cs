using System.CommandLine;
using Grid.Client;
using Grid.Protocol.Review;

namespace Grid.Cli.Commands;

/// <summary>Options and parsing shared by the review commands (case, followup).</summary>
public static class ReviewOptions
{
    public static Option<string?> Force() => new("--force") { Description = "The force whose cases or follow-ups to use (default: your key's force)." };

    public static Argument<string> SearchId() => new("searchId") { Description = "The case: the searchId a search printed." };

    public static Argument<int> Rank() => new("rank") { Description = "The candidate's rank in the case (1 = best)." };

    public static Argument<string> FollowUpId() => new("followUpId") { Description = "OWNER/REQUESTER.searchId.rank, as `gridctl followup list` shows it." };

    /// <summary>The force named, else the caller's own.</summary>
    public static async Task<string> ForceAsync(IGridClient client, string? named, CancellationToken cancellationToken) =>
        named ?? (await client.WhoAmIAsync(cancellationToken)).Force
        ?? throw new ArgumentException("Your key belongs to no force (the operator's): name one with --force.");

    /// <summary>possible-match, no-match or inconclusive (the enum names work too).</summary>
    public static ReviewVerdict Verdict(string text) => text.Replace("-", "").ToLowerInvariant() switch
    {
        "possiblematch" or "match" => ReviewVerdict.PossibleMatch,
        "nomatch" => ReviewVerdict.NoMatch,
        "inconclusive" => ReviewVerdict.Inconclusive,
        _ => throw new ArgumentException($"'{text}' is not a verdict: use possible-match, no-match or inconclusive."),
    };

    public static string Text(ReviewVerdict verdict) => verdict switch
    {
        ReviewVerdict.PossibleMatch => "possible-match",
        ReviewVerdict.NoMatch => "no-match",
        _ => "inconclusive",
    };
}
