using System.Collections.Immutable;
using Grid.Contracts.Galleries;
using Grid.Contracts.Identity;
using Grid.Contracts.Search;
using Grid.Contracts.Sharing;
using Grid.Grains.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Grid.Grains.Tests.Galleries;

/// <summary>
/// A search naming no gallery: the caller's own galleries plus the partner galleries its agreement index offers for
/// the purpose, each still decided by the owner's agreement grain. A stale index entry can only make a search refused
/// or narrower, never grant one.
/// </summary>
[Collection(GalleryClusterCollection.Name)]
public sealed class DefaultScopeTests(GalleryClusterFixture grid)
{
    private static readonly GalleryId Wanted = new("CZ-PCR", "wanted");
    private static readonly GalleryId Ghost = new("HU-ORFK", "wanted");
    private static readonly ForceId Requester = ForceId.Parse("SK-PZ");

    [Fact]
    public async Task The_default_scope_follows_the_agreements_and_a_stale_index_entry_never_grants()
    {
        var owner = await CreateForceAsync(Wanted.Force);
        var ghost = await CreateForceAsync(Ghost.Force);
        var requester = await CreateForceAsync(Requester);
        var vectors = Vectors.Unit(60, seed: 9101);
        await CreateGalleryAsync(owner, Wanted, "CZ", vectors);
        await CreateGalleryAsync(ghost, Ghost, "HU", vectors);
        var probe = Vectors.Row(vectors, 11);

        // No agreement: nothing in scope, nothing searched, nothing to refuse.
        var none = await SearchAsync(requester, probe);
        Assert.Equal((0, 0, 0), (none.Candidates.Length, none.Refusals.Length, none.Coverage.Asked));

        // An accepted agreement brings the covered gallery into the default scope, under the agreement's cap.
        var key = new AgreementKey(Wanted.Force, Requester).ToString();
        GalleryClusterFixture.As(owner);
        var proposed = await grid.Client.GetGrain<ISharingAgreementGrain>(key).ProposeAsync(new AgreementTerms(
            [Wanted], [GalleryClusterFixture.Purpose.Offence], 5, -1f, 1000, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(1)));
        GalleryClusterFixture.As(requester);
        await grid.Client.GetGrain<ISharingAgreementGrain>(key).AcceptAsync(proposed.Version);
        var shared = await SearchAsync(requester, probe);
        Assert.Empty(shared.Refusals);
        Assert.Equal(5, shared.Candidates.Length);
        Assert.Equal(("CZ-11", Wanted.Force), (shared.Candidates[0].SubjectRef, shared.Candidates[0].Force));

        // A purpose the agreement does not allow leaves the gallery out: not searched, and not refused either.
        var otherPurpose = await SearchAsync(requester, probe, GalleryClusterFixture.Purpose with { Offence = "fraud" });
        Assert.Equal((0, 0, 0), (otherPurpose.Candidates.Length, otherPurpose.Refusals.Length, otherPurpose.Coverage.Asked));

        // A stale entry claiming an agreement that never existed: the ghost owner's agreement grain refuses it.
        var forged = new AgreementView(new AgreementKey(Ghost.Force, Requester), 99, AgreementStatus.Active,
            new AgreementTerms([Ghost], [GalleryClusterFixture.Purpose.Offence], 50, -1f, 1000,
                DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(1)), []);
        await IndexOf(Requester).RecordAsync(forged);
        var stale = await SearchAsync(requester, probe);
        Assert.All(stale.Candidates, c => Assert.Equal(Wanted.Force, c.Force));
        var refusal = Assert.Single(stale.Refusals);
        Assert.Equal((Ghost, RefusalReason.NoAgreement), (refusal.Gallery, refusal.Reason));

        // A stale entry hiding the live agreement only narrows the default scope; a named search still asks the agreement.
        await IndexOf(Requester).RecordAsync(proposed with { Version = 99, Status = AgreementStatus.Revoked, History = [] });
        var hidden = await SearchAsync(requester, probe);
        Assert.Empty(hidden.Candidates);
        Assert.DoesNotContain(hidden.Refusals, r => r.Gallery == Wanted);
        var named = await SearchAsync(requester, probe, galleries: [Wanted]);
        Assert.Equal("CZ-11", named.Candidates[0].SubjectRef);
    }

    private IForceAgreementsGrain IndexOf(string force)
    {
        RequestContext.Clear();
        var silo = grid.Cluster.GetSiloServiceProvider(grid.Cluster.GetActiveSilos().First().SiloAddress);
        return silo.GetRequiredService<IGrainFactory>().GetGrain<IForceAgreementsGrain>(force);
    }

    private Task<SearchResponse> SearchAsync(string key, float[] probe, SearchPurpose? purpose = null, GalleryId[]? galleries = null)
    {
        GalleryClusterFixture.As(key);
        return grid.Client.GetGrain<ISearchCoordinatorGrain>(0).SearchAsync(new SearchRequest(
            galleries ?? [], probe, GalleryClusterFixture.DefaultModel, 10, -1f, SearchRequest.DefaultDeadline, purpose ?? GalleryClusterFixture.Purpose));
    }

    private async Task CreateGalleryAsync(string key, GalleryId id, string prefix, float[] vectors)
    {
        GalleryClusterFixture.As(key);
        var gallery = grid.Client.GetGrain<IGalleryGrain>(id.Key);
        await gallery.CreateAsync(GalleryClusterFixture.Config(shards: 1));
        var refs = Enumerable.Range(0, vectors.Length / Vectors.Dimension).Select(i => $"{prefix}-{i}").ToArray();
        await gallery.EnrolAsync(new EnrolBatch(refs, vectors, GalleryClusterFixture.DefaultModel));
    }

    /// <summary>A new force with one user holding every role a search, a gallery and an agreement need; returns its key.</summary>
    private async Task<string> CreateForceAsync(ForceId force)
    {
        GalleryClusterFixture.As(grid.OperatorKey);
        var admin = await grid.Client.GetGrain<IOperatorGrain>(IOperatorGrain.Key).CreateForceAsync(force, force.Value, "admin");
        GalleryClusterFixture.As(admin.Key);
        var user = await grid.Client.GetGrain<IForceGrain>(force).AddUserAsync("tester",
            Role.Searcher | Role.Enroller | Role.AgreementAdmin | Role.Auditor | Role.ForceAdmin);
        return user.Key;
    }
}
