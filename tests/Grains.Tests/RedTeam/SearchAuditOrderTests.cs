using Grid.Contracts.Audit;
using Grid.Contracts.Identity;
using Xunit;
using static Grid.Grains.Tests.RedTeam.RedTeamFixture;

namespace Grid.Grains.Tests.RedTeam;

/// <summary>
/// The coordinator writes a search's entries while the shards scan and its outcome entries after the reply. What must
/// hold: when the reply arrives, the search is already in storage at both ends (readers see only stored entries), and
/// the outcome entries follow at both ends, each naming its search's entry, with the candidates the reply carried.
/// </summary>
[Collection(RedTeamCollection.Name)]
public sealed class SearchAuditOrderTests(RedTeamFixture grid)
{
    [Fact]
    public async Task A_partner_search_is_stored_at_both_ends_before_the_reply_and_its_outcome_follows_at_both()
    {
        var nlBefore = await LastSeqAsync(Nl);
        var deBefore = await LastSeqAsync(De);

        var reply = await grid.SearchAsync(Nl, [DeSuspects], seed: 4711);
        var received = reply.Candidates.Count(c => c.Force == De);
        Assert.True(received > 0);

        // Read at once: the search entries are stored, with the galleries asked and no outcome yet.
        var outgoing = Assert.Single(await ReadAfterAsync(Nl, nlBefore), e => e.Kind == AuditKind.OutgoingSearch && e.Partner == De);
        Assert.Equal(Purpose.CaseReference, outgoing.CaseReference);
        Assert.Contains(DeSuspects, outgoing.GalleriesAsked);
        Assert.NotNull(outgoing.PartnerHead); // the partner anchor still rides on the search entry
        var incoming = Assert.Single(await ReadAfterAsync(De, deBefore), e => e.Kind == AuditKind.IncomingSearch && e.Partner == Nl);
        Assert.Equal(new AuditHead(outgoing.Seq, outgoing.Hash), incoming.PartnerHead);

        // The outcomes trail by at most one group commit or the flush interval; wait for them (bounded), then check them.
        var mine = await EventuallyAsync(Nl, nlBefore, e => e.Kind == AuditKind.OutgoingSearchOutcome && e.Detail == $"outcome of entry {outgoing.Seq}");
        Assert.Equal((De, received), (mine.Partner!, mine.CandidateCount));
        Assert.Contains(DeSuspects, mine.GalleriesAnswered);
        var theirs = await EventuallyAsync(De, deBefore, e => e.Kind == AuditKind.IncomingSearchOutcome && e.Detail == $"outcome of entry {incoming.Seq}");
        Assert.Equal((Nl, received), (theirs.Partner!, theirs.CandidateCount));
        Assert.True(mine.Seq > outgoing.Seq && theirs.Seq > incoming.Seq);

        // Both chains stay intact with the trailing entries in them.
        As(grid.KeyOf(Nl));
        Assert.True((await grid.Client.GetGrain<IAuditLogGrain>(Nl.Value).VerifyAsync()).Intact);
        As(grid.KeyOf(De));
        Assert.True((await grid.Client.GetGrain<IAuditLogGrain>(De.Value).VerifyAsync()).Intact);
    }

    private async Task<long> LastSeqAsync(ForceId force) =>
        (await ReadAfterAsync(force, 0)).Select(e => e.Seq).DefaultIfEmpty(0).Max();

    private async Task<AuditEntry[]> ReadAfterAsync(ForceId force, long after)
    {
        As(grid.KeyOf(force));
        var log = grid.Client.GetGrain<IAuditLogGrain>(force.Value);
        var all = new List<AuditEntry>();
        while (true)
        {
            var page = await log.ReadAsync(after, 1000);
            all.AddRange(page);
            if (page.Length < 1000) return [.. all];
            after = page[^1].Seq;
        }
    }

    private async Task<AuditEntry> EventuallyAsync(ForceId force, long after, Func<AuditEntry, bool> match)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var found = (await ReadAfterAsync(force, after)).Where(match).ToArray();
            if (found.Length > 0) return Assert.Single(found);
            Assert.True(DateTime.UtcNow < until, $"no matching outcome entry in {force}'s log within 30 s");
            await Task.Delay(100);
        }
    }
}
