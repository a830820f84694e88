using System.Collections.Immutable;
using Grid.Contracts.Galleries;
using Grid.Contracts.Identity;
using Grid.Contracts.Search;
using Grid.Contracts.Sharing;
using Grid.Grains.Tests.Support;
using Xunit;

namespace Grid.Grains.Tests.Galleries;

/// <summary>
/// A partner's gallery through the real search path — coordinator, agreement grain, tickets, shards on Azurite:
/// default deny, caps applied, purpose outside the agreement refused, revocation in force for the next search,
/// and a shard that refuses a client calling it directly.
/// </summary>
[Collection(GalleryClusterCollection.Name)]
public sealed class FederatedSearchTests(GalleryClusterFixture grid)
{
    private const string Owner = "FR-PN";
    private const string Requester = "NL-KLPD";
    private static readonly GalleryId Shared = new(Owner, "federated");
    private static readonly SemaphoreSlim Once = new(1, 1);
    private static float[]? _vectors;

    private async Task<float[]> GalleryAsync()
    {
        await Once.WaitAsync();
        try
        {
            if (_vectors is not null) return _vectors;
            await grid.CreateAsync(Shared, GalleryClusterFixture.Config(shards: 2));
            var vectors = Vectors.Unit(400, seed: 7001);
            await grid.EnrolAsync(Shared, Enumerable.Range(0, 400).Select(i => $"FR-{i:D4}").ToArray(), vectors);
            return _vectors = vectors;
        }
        finally
        {
            Once.Release();
        }
    }

    private static AgreementTerms Terms(int maxCandidates, float minScore) => new(
        [Shared], [GalleryClusterFixture.Purpose.Offence], maxCandidates, minScore, DailyQuota: 1000,
        DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(1));

    [Fact]
    public async Task A_partner_gallery_is_searched_only_under_an_active_covering_agreement_with_its_caps()
    {
        var vectors = await GalleryAsync();
        var probe = Vectors.Row(vectors, 17);

        // Default deny: no agreement, no candidates, and the refusal is reported.
        var denied = await grid.SearchAsync([Shared], probe, 10, asForce: Requester);
        Assert.Empty(denied.Candidates);
        Assert.Equal(Shared, Assert.Single(denied.Refusals).Gallery);
        Assert.Equal(0, denied.Coverage.Asked);

        var proposed = await grid.Agreement(Owner, Requester, Owner).ProposeAsync(Terms(maxCandidates: 3, minScore: -1f));
        await grid.Agreement(Owner, Requester, Requester).AcceptAsync(proposed.Version);

        // Allowed: the true subject first, and never more than the agreement's 3 candidates although k is 10.
        var allowed = await grid.SearchAsync([Shared], probe, 10, asForce: Requester);
        Assert.Empty(allowed.Refusals);
        Assert.Equal(3, allowed.Candidates.Length);
        Assert.Equal("FR-0017", allowed.Candidates[0].SubjectRef);
        Assert.True(allowed.Coverage.Complete);

        // Another offence is not covered: refused, nothing returned.
        var otherPurpose = await grid.SearchAsync([Shared], probe, 10, asForce: Requester,
            purpose: GalleryClusterFixture.Purpose with { Offence = "fraud" });
        Assert.Empty(otherPurpose.Candidates);
        Assert.Single(otherPurpose.Refusals);

        // Revocation is in force for the very next search.
        await grid.Agreement(Owner, Requester, Owner).RevokeAsync();
        var revoked = await grid.SearchAsync([Shared], probe, 10, asForce: Requester);
        Assert.Empty(revoked.Candidates);
        Assert.Single(revoked.Refusals);
    }

    [Fact]
    public async Task The_agreement_minimum_score_is_applied_by_the_owner()
    {
        var vectors = await GalleryAsync();
        const string requester = "DE-BKA";
        var proposed = await grid.Agreement(Owner, requester, Owner).ProposeAsync(Terms(maxCandidates: 50, minScore: 0.5f));
        await grid.Agreement(Owner, requester, requester).AcceptAsync(proposed.Version);

        var response = await grid.SearchAsync([Shared], Vectors.Row(vectors, 3), 50, asForce: requester);
        // Random unit vectors score near 0 against each other: only the probe's own subject reaches 0.5.
        var only = Assert.Single(response.Candidates);
        Assert.Equal("FR-0003", only.SubjectRef);
        Assert.True(only.Score >= 0.5f);
    }

    [Fact]
    public async Task A_client_calling_a_shard_directly_gets_nothing()
    {
        var vectors = await GalleryAsync();
        GalleryClusterFixture.As(grid.KeyOf(Owner)); // even the owner's own searcher
        var shard = grid.Client.GetGrain<IGalleryShardGrain>(ShardKeys.For(Shared, 0));
        var search = new ShardSearch(Vectors.Row(vectors, 1), GalleryClusterFixture.DefaultModel, 10, -1f, GalleryClusterFixture.Purpose, null);
        await Assert.ThrowsAsync<GridAccessDeniedException>(() => shard.SearchAsync(search));
    }
}
