using Grid.Contracts.Identity;
using Grid.Contracts.Sharing;
using Grid.Grains.Tests.Support;
using Xunit;
using static Grid.Grains.Tests.Cluster.GridClusterFixture;

namespace Grid.Grains.Tests.Cluster;

/// <summary>The per-force agreement index: every change lands at both forces, repeated or late reports change
/// nothing, only silos write it, and only the force's agreement-admins, auditors and the operator read it.</summary>
[Collection(GridClusterCollection.Name)]
public sealed class AgreementIndexTests(GridClusterFixture grid)
{
    [Fact]
    public async Task Every_change_is_indexed_at_both_forces_and_the_newest_version_wins()
    {
        var (owner, ownerAdmin, ownerSearcher) = await CreateForceAsync("EE-PPA");
        var (requester, requesterAdmin, _) = await CreateForceAsync("LV-VP");
        var key = new AgreementKey(owner, requester);
        Internally(null);
        Assert.Empty(await Index(owner).ListAsync());

        As(ownerAdmin);
        var proposed = await grid.Client.GetGrain<ISharingAgreementGrain>(key.ToString()).ProposeAsync(Samples.Terms(owner) with
        {
            ValidFrom = DateTimeOffset.UtcNow.AddMinutes(-1),
            ValidUntil = DateTimeOffset.UtcNow.AddDays(30),
        });
        await AssertIndexedAsync(key, 1, AgreementStatus.Proposed);

        As(requesterAdmin);
        var active = await grid.Client.GetGrain<ISharingAgreementGrain>(key.ToString()).AcceptAsync(proposed.Version);
        await AssertIndexedAsync(key, 2, AgreementStatus.Active);

        // A late report (the proposal) and a repeated one change nothing.
        Internally(null);
        await Index(owner).RecordAsync(proposed);
        await Index(requester).RecordAsync(active);
        await Index(requester).RecordAsync(active);
        await AssertIndexedAsync(key, 2, AgreementStatus.Active);
        Assert.Empty(Assert.Single(await Index(owner).ListAsync()).History);

        // A force's index holds only its own agreements.
        var foreign = active with { Key = new AgreementKey(ForceId.Parse("DK-NKC"), ForceId.Parse("FI-KRP")) };
        await Assert.ThrowsAsync<ArgumentException>(() => Index(owner).RecordAsync(foreign));

        // Readers: the force's agreement-admin and the operator; not its searcher, not the partner's admin.
        As(ownerAdmin);
        Assert.Single(await grid.Client.GetGrain<IForceAgreementsGrain>(owner).ListAsync());
        As(grid.OperatorKey);
        Assert.Single(await grid.Client.GetGrain<IForceAgreementsGrain>(owner).ListAsync());
        As(ownerSearcher);
        await Assert.ThrowsAsync<GridAccessDeniedException>(() => grid.Client.GetGrain<IForceAgreementsGrain>(owner).ListAsync());
        As(requesterAdmin);
        await Assert.ThrowsAsync<GridAccessDeniedException>(() => grid.Client.GetGrain<IForceAgreementsGrain>(owner).ListAsync());

        // Writers: silos only, whoever the client is.
        As(ownerAdmin);
        await Assert.ThrowsAsync<GridAccessDeniedException>(() =>
            grid.Client.GetGrain<IForceAgreementsGrain>(owner).RecordAsync(active with { Version = 50, Status = AgreementStatus.Revoked }));
        await AssertIndexedAsync(key, 2, AgreementStatus.Active);
    }

    private IForceAgreementsGrain Index(ForceId force) => grid.Silo.GetGrain<IForceAgreementsGrain>(force);

    private async Task AssertIndexedAsync(AgreementKey key, int version, AgreementStatus status)
    {
        Internally(null);
        foreach (var force in new[] { key.Owner, key.Requester })
        {
            var entry = Assert.Single(await Index(force).ListAsync());
            Assert.Equal((key, version, status), (entry.Key, entry.Version, entry.Status));
        }
    }

    private async Task<(ForceId Force, string AgreementAdmin, string Searcher)> CreateForceAsync(string name)
    {
        var id = ForceId.Parse(name);
        As(grid.OperatorKey);
        var admin = await grid.Client.GetGrain<IOperatorGrain>(IOperatorGrain.Key).CreateForceAsync(id, name, "admin");
        As(admin.Key);
        var force = grid.Client.GetGrain<IForceGrain>(name);
        return (id, (await force.AddUserAsync("agreements", Role.AgreementAdmin)).Key, (await force.AddUserAsync("searcher", Role.Searcher)).Key);
    }
}
