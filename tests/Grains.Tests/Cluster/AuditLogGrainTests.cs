using Grid.Contracts.Audit;
using Grid.Contracts.Identity;
using Grid.Grains.Audit;
using Grid.Grains.Identity;
using Microsoft.Extensions.DependencyInjection;
using Grid.Grains.Tests.Support;
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
}
