using Grid.Portal.Charts;
using Grid.Protocol.Audit;

namespace Grid.Portal.Pages;

/// <summary>Counts per partner (Prüm Art 72 statistics), as tables and inline SVG bar charts.</summary>
public sealed class StatsModel : PortalPageModel
{
    public StatsView? Stats { get; private set; }

    public IReadOnlyList<BarChart> Charts { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await TryAsync(async () =>
        {
            Stats = await Session.Grid.GetStatsAsync(Session.Force, cancellationToken);
            var partners = Stats.Partners.OrderBy(p => p.Partner, StringComparer.Ordinal).ToList();
            BarChart Chart(string title, Func<PartnerStats, long> value) => BarChart.Of(title, [.. partners.Select(p => (p.Partner, value(p)))]);
            Charts =
            [
                Chart("Searches made", p => p.SearchesMade),
                Chart("Searches received", p => p.SearchesReceived),
                Chart("Candidates received", p => p.CandidatesReceived),
                Chart("Candidates returned", p => p.CandidatesReturned),
                Chart("Refusals", p => p.Refusals),
                Chart("Confirmed matches", p => p.ConfirmedMatches),
                Chart("Follow-ups requested", p => p.FollowUpsRequested),
                Chart("Follow-ups released", p => p.FollowUpsReleased),
                Chart("Follow-ups declined", p => p.FollowUpsDeclined),
            ];
        });
    }
}
