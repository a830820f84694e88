using Grid.Contracts.Audit;
using Grid.Contracts.Identity;
using Grid.Contracts.Sharing;
using Grid.Grains.Sharing;
using Grid.Grains.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static Grid.Grains.Tests.Cluster.GridClusterFixture;

namespace Grid.Grains.Tests.Cluster;

[Collection(GridClusterCollection.Name)]
public sealed class AgreementLifecycleTests(GridClusterFixture grid)
{
    private sealed record Force(ForceId Id, ApiKeyIssued Admin, ApiKeyIssued Agreements, ApiKeyIssued Searcher, ApiKeyIssued Auditor);

    [Fact]
    public async Task Propose_accept_authorise_revoke_and_the_next_search_is_refused()
    {
        var owner = await CreateForceAsync("DK-NKC");
        var requester = await CreateForceAsync("FI-KRP");
        var key = new AgreementKey(owner.Id, requester.Id).ToString();
        var galleries = Samples.Galleries(owner.Id, "suspects", "victims");

        // Default deny: no agreement yet.
        Internally(requester.Searcher.Principal);
        var none = await grid.Silo.GetGrain<ISharingAgreementGrain>(key).AuthoriseAsync(galleries, Samples.Purpose());
        Assert.Equal(RefusalReason.NoAgreement, none.Refusal);

        As(owner.Agreements.Key);
        var proposed = await grid.Client.GetGrain<ISharingAgreementGrain>(key).ProposeAsync(Samples.Terms(owner.Id, quota: 2) with
        {
            ValidFrom = DateTimeOffset.UtcNow.AddMinutes(-1),
            ValidUntil = DateTimeOffset.UtcNow.AddDays(30),
        });
        Assert.Equal(AgreementStatus.Proposed, proposed.Status);

        // The owner cannot accept its own proposal, nor a stale version be accepted.
        await Assert.ThrowsAsync<GridAccessDeniedException>(() => grid.Client.GetGrain<ISharingAgreementGrain>(key).AcceptAsync(proposed.Version));
        As(requester.Agreements.Key);
        await Assert.ThrowsAsync<InvalidOperationException>(() => grid.Client.GetGrain<ISharingAgreementGrain>(key).AcceptAsync(proposed.Version - 1));
        var active = await grid.Client.GetGrain<ISharingAgreementGrain>(key).AcceptAsync(proposed.Version);
        Assert.Equal(AgreementStatus.Active, active.Status);
        Assert.Equal(2, active.History.Length);

        // Only the covered gallery is in the ticket, and the ticket verifies on the silo.
        Internally(requester.Searcher.Principal);
        var granted = await grid.Silo.GetGrain<ISharingAgreementGrain>(key).AuthoriseAsync(galleries, Samples.Purpose());
        Assert.True(granted.Granted, granted.Message);
        Assert.Equal(["DK-NKC/suspects"], granted.Ticket!.Galleries.Select(g => g.ToString()));
        Assert.Equal((20, 0.4f), (granted.Ticket.MaxCandidates, granted.Ticket.MinScore));
        var signer = grid.SiloServices.GetRequiredService<SearchTicketSigner>();
        Assert.Equal(TicketCheck.Valid, signer.Verify(granted.Ticket, DateTimeOffset.UtcNow));

        // A purpose the agreement does not allow, and a caller who is not the requester.
        var wrongPurpose = await grid.Silo.GetGrain<ISharingAgreementGrain>(key).AuthoriseAsync(galleries, Samples.Purpose("fraud"));
        Assert.Equal(RefusalReason.PurposeNotCovered, wrongPurpose.Refusal);
        Internally(owner.Searcher.Principal);
        Assert.Equal(RefusalReason.NotAuthorised, (await grid.Silo.GetGrain<ISharingAgreementGrain>(key).AuthoriseAsync(galleries, Samples.Purpose())).Refusal);

        // The requester may not revoke; the owner may, and the very next authorisation is refused.
        As(requester.Agreements.Key);
        await Assert.ThrowsAsync<GridAccessDeniedException>(() => grid.Client.GetGrain<ISharingAgreementGrain>(key).RevokeAsync());
        As(owner.Agreements.Key);
        var revoked = await grid.Client.GetGrain<ISharingAgreementGrain>(key).RevokeAsync();
        Assert.Equal(AgreementStatus.Revoked, revoked.Status);
        Internally(requester.Searcher.Principal);
        var after = await grid.Silo.GetGrain<ISharingAgreementGrain>(key).AuthoriseAsync(galleries, Samples.Purpose());
        Assert.Equal(RefusalReason.NotActive, after.Refusal);

        // Both forces logged every change and refusal, and both chains verify.
        foreach (var force in new[] { owner, requester })
        {
            As(force.Auditor.Key);
            var log = grid.Client.GetGrain<IAuditLogGrain>(force.Id.Value);
            var entries = await log.ReadAsync(0, 100);
            Assert.Equal(3, entries.Count(e => e.Kind == AuditKind.AgreementChange));
            Assert.True(entries.Count(e => e.Kind == AuditKind.Refusal) >= 4);
            Assert.True((await log.VerifyAsync()).Intact);
            var stats = await log.GetStatsAsync();
            Assert.True(stats.Partners.Single(p => p.Partner != force.Id).Refusals >= 4);
        }
    }

    [Fact]
    public async Task Suspension_pauses_searches_and_the_daily_quota_is_a_clear_error()
    {
        var owner = await CreateForceAsync("IE-GNB");
        var requester = await CreateForceAsync("LU-PGD");
        var key = new AgreementKey(owner.Id, requester.Id).ToString();
        var galleries = Samples.Galleries(owner.Id, "convicted");

        As(owner.Agreements.Key);
        var proposed = await grid.Client.GetGrain<ISharingAgreementGrain>(key).ProposeAsync(Samples.Terms(owner.Id, quota: 2) with
        {
            ValidFrom = DateTimeOffset.UtcNow.AddMinutes(-1),
            ValidUntil = DateTimeOffset.UtcNow.AddDays(30),
        });
        As(requester.Agreements.Key);
        await grid.Client.GetGrain<ISharingAgreementGrain>(key).AcceptAsync(proposed.Version);

        As(owner.Agreements.Key);
        await grid.Client.GetGrain<ISharingAgreementGrain>(key).SuspendAsync();
        Internally(requester.Searcher.Principal);
        Assert.Equal(RefusalReason.NotActive, (await grid.Silo.GetGrain<ISharingAgreementGrain>(key).AuthoriseAsync(galleries, Samples.Purpose())).Refusal);
        As(owner.Agreements.Key);
        await grid.Client.GetGrain<ISharingAgreementGrain>(key).ResumeAsync();

        Internally(requester.Searcher.Principal);
        var agreement = grid.Silo.GetGrain<ISharingAgreementGrain>(key);
        Assert.True((await agreement.AuthoriseAsync(galleries, Samples.Purpose())).Granted);
        Assert.True((await agreement.AuthoriseAsync(galleries, Samples.Purpose())).Granted);
        var third = await agreement.AuthoriseAsync(galleries, Samples.Purpose());
        Assert.Equal(RefusalReason.QuotaExhausted, third.Refusal);
        Assert.Contains("quota", third.Message);

        // An incomplete purpose is refused before the quota is touched.
        Assert.Equal(RefusalReason.InvalidPurpose,
            (await agreement.AuthoriseAsync(galleries, Samples.Purpose() with { Justification = "" })).Refusal);

        // Clients never authorise directly: that is the coordinator's call.
        As(requester.Searcher.Key);
        await Assert.ThrowsAsync<GridAccessDeniedException>(() =>
            grid.Client.GetGrain<ISharingAgreementGrain>(key).AuthoriseAsync(galleries, Samples.Purpose()));
        await Assert.ThrowsAsync<GridAccessDeniedException>(() => grid.Client.GetGrain<ISharingAgreementGrain>(key).GetAsync());
        As(requester.Auditor.Key);
        Assert.Equal(AgreementStatus.Active, (await grid.Client.GetGrain<ISharingAgreementGrain>(key).GetAsync()).Status);
    }

    private async Task<Force> CreateForceAsync(string name)
    {
        var id = ForceId.Parse(name);
        As(grid.OperatorKey);
        var admin = await grid.Client.GetGrain<IOperatorGrain>(IOperatorGrain.Key).CreateForceAsync(id, name, "admin");
        As(admin.Key);
        var force = grid.Client.GetGrain<IForceGrain>(name);
        return new Force(id, admin,
            await force.AddUserAsync("agreements", Role.AgreementAdmin),
            await force.AddUserAsync("searcher", Role.Searcher),
            await force.AddUserAsync("auditor", Role.Auditor));
    }
}
