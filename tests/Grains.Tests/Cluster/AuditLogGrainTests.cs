using Grid.Contracts.Audit;
using Grid.Contracts.Identity;
using Grid.Grains.Audit;
using Grid.Grains.Identity;
using Grid.Grains.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static Grid.Grains.Tests.Cluster.GridClusterFixture;

namespace Grid.Grains.Tests.Cluster;

[Collection(GridClusterCollection.Name)]
public sealed class AuditLogGrainTests(GridClusterFixture grid)
{
    [Fact]
    public async Task Appends_chain_verify_export_and_count_through_the_grain()
    {
        As(grid.OperatorKey);
        var admin = await grid.Client.GetGrain<IOperatorGrain>(IOperatorGrain.Key).CreateForceAsync(ForceId.Parse("CZ-PCR"), "Policie", "admin");
        As(admin.Key);
        var auditor = await grid.Client.GetGrain<IForceGrain>("CZ-PCR").AddUserAsync("audit", Role.Auditor);

        Internally(null);
        var log = grid.Silo.GetGrain<IAuditLogGrain>("CZ-PCR");
        var asked = Samples.Galleries(Samples.De, "suspects", "convicted");
        var first = await log.AppendAsync(new AuditEvent(AuditKind.OutgoingSearch, "CZ-PCR:sam", Samples.De, "murder", "C-9", asked, asked[..1], 4, ""));
        var second = await log.AppendAsync(new AuditEvent(AuditKind.IncomingSearch, "DE-BKA:bob", Samples.De, "murder", "K-1", [], [], 2, ""));
        Assert.Equal(first.Hash, second.PrevHash);
        Assert.Equal(first.Seq + 1, second.Seq);

        // Clients read only as the force's auditor (or the operator) and never append.
        As(admin.Key);
        await Assert.ThrowsAsync<GridAccessDeniedException>(() => grid.Client.GetGrain<IAuditLogGrain>("CZ-PCR").ReadAsync(0, 10));
        As(auditor.Key);
        var client = grid.Client.GetGrain<IAuditLogGrain>("CZ-PCR");
        var entries = await client.ReadAsync(0, 100);
        Assert.Contains(entries, e => e.Kind == AuditKind.IdentityChange && e.Detail.Contains("audit"));
        var verification = await client.VerifyAsync();
        Assert.True(verification.Intact, verification.Problem);
        Assert.Equal(second.Hash, verification.HeadHash);
        var export = await client.ExportAsync();
        Assert.True(AuditChain.Verify(export, grid.SiloServices.GetRequiredService<GridKeys>().AuditKey(ForceId.Parse("CZ-PCR")), second.Seq, second.Hash).Intact);
        // Without the silo-held key the export cannot be re-hashed into a different, "intact" history.
        Assert.False(AuditChain.Verify(export, new byte[32], second.Seq, second.Hash).Intact);

        var stats = (await client.GetStatsAsync()).Partners.Single(p => p.Partner == Samples.De);
        Assert.Equal((1, 1, 4, 2), (stats.SearchesMade, stats.SearchesReceived, stats.CandidatesReceived, stats.CandidatesReturned));
    }

    /// <summary>A search's outcome entry may trail its reply: it goes ahead of the next append's group, and with no
    /// append to carry it the flush timer writes it. It never overtakes what was appended before it was handed in.</summary>
    [Fact]
    public async Task An_entry_left_to_trail_is_written_ahead_of_the_next_append_or_by_the_flush_timer()
    {
        Internally(null);
        var log = grid.Silo.GetGrain<IAuditLogGrain>("SK-PZ");
        var search = await log.AppendAsync(new AuditEvent(AuditKind.OutgoingSearch, "SK-PZ:eva", Samples.De, "murder", "T-1", [], [], 0, ""));
        var outcome = new AuditEvent(AuditKind.OutgoingSearchOutcome, "SK-PZ:eva", Samples.De, "murder", "T-1", [], [], 3, $"outcome of entry {search.Seq}");
        await log.AppendLaterAsync(outcome);
        var next = await log.AppendAsync(new AuditEvent(AuditKind.OutgoingSearch, "SK-PZ:eva", Samples.De, "murder", "T-2", [], [], 0, ""));

        As(grid.OperatorKey);
        var reader = grid.Client.GetGrain<IAuditLogGrain>("SK-PZ");
        var entries = await reader.ReadAsync(0, 100);
        var trailed = Assert.Single(entries, e => e.Kind == AuditKind.OutgoingSearchOutcome);
        Assert.Equal((search.Seq + 1, next.Seq - 1), (trailed.Seq, trailed.Seq));
        Assert.Equal(3, (await reader.GetStatsAsync()).Partners.Single(p => p.Partner == Samples.De).CandidatesReceived);

        Internally(null);
        await log.AppendLaterAsync(outcome with { CaseReference = "T-3" });
        As(grid.OperatorKey);
        var until = DateTime.UtcNow.AddSeconds(30);
        while (!(await reader.ReadAsync(next.Seq, 100)).Any(e => e.CaseReference == "T-3"))
        {
            Assert.True(DateTime.UtcNow < until, "the trailing entry was not written by the flush timer within 30 s");
            await Task.Delay(100);
        }
        Assert.True((await reader.VerifyAsync()).Intact);
    }
}
