using System.Text;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Grid.Contracts.Audit;
using Grid.Contracts.Errors;
using Grid.Contracts.Galleries;
using Grid.Contracts.Identity;
using Grid.Contracts.Search;
using Grid.Contracts.Sharing;
using Grid.Grains.Identity;
using Grid.Grains.Sharing;
using Grid.Grains.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static Grid.Grains.Tests.RedTeam.RedTeamFixture;

namespace Grid.Grains.Tests.RedTeam;

/// <summary>Issue 9's access attacks against a real silo on Azurite: planted state, forged and replayed tickets,
/// existence probes, path-like names, invisible characters, and an admin locking the force out.</summary>
[Collection(RedTeamCollection.Name)]
public sealed class AccessAttacks(RedTeamFixture grid)
{
    /// <summary>The insider writes grain state for a new key id: a chosen secret's hash and every role, copied from a
    /// real record. Before issue 9 that gave a working, invisible DE:ghost user.</summary>
    [Fact]
    public async Task A_key_planted_in_grain_storage_does_not_work_and_is_audited()
    {
        var realKey = grid.KeyOf(De);
        ApiKeyHasher.TryGetKeyId(realKey, out var realId);
        var planted = ApiKeyHasher.Create();
        var (container, name) = await FindStateBlobAsync(realId);
        var bytes = (await container.GetBlobClient(name).DownloadContentAsync()).Value.Content.ToArray();
        var forged = Replace(Replace(bytes, ApiKeyHasher.Hash(realKey), planted.Hash), "tester", "ghostx");
        await container.GetBlobClient(name.Replace(realId, planted.KeyId, StringComparison.Ordinal)).UploadAsync(BinaryData.FromBytes(forged));

        var e = await Assert.ThrowsAsync<GridAccessDeniedException>(() =>
        {
            As(planted.Key);
            return grid.Client.GetGrain<ISearchCoordinatorGrain>(0).SearchAsync(
                new SearchRequest([DeSuspects], Vectors.Unit(1, 7), Model, 5, -1f, SearchRequest.DefaultDeadline, Purpose));
        });
        Assert.Contains("Unknown or disabled", e.Message);

        As(grid.KeyOf(De));
        var entries = await grid.Client.GetGrain<IAuditLogGrain>(De.Value).ReadAsync(0, 1000);
        Assert.Contains(entries, x => x.Kind == AuditKind.Integrity && x.Detail.Contains(planted.KeyId) && x.Detail.Contains("seal"));
    }

    /// <summary>A silo that is not DE's (here: signing with NL's key, as any NL or shared-pool silo could) mints a
    /// ticket for DE's gallery. DE's shard verifies with DE's public key and refuses, and both forces hear of it.</summary>
    [Fact]
    public async Task A_ticket_minted_with_another_forces_key_is_refused_by_the_owners_shard()
    {
        var keys = grid.SiloServices.GetRequiredService<GridKeys>();
        var searcher = new Principal(Nl, "tester", Role.Searcher | Role.Enroller | Role.AgreementAdmin | Role.Auditor | Role.ForceAdmin, false);
        var nlKey = keys.SigningKey(Nl)!;
        var minted = new SearchTicketSigner(_ => nlKey, _ => null, TimeSpan.FromSeconds(60))
            .Issue(new AgreementKey(De, Nl), 2, searcher.User, [DeSuspects], Purpose, new SearchCaps(100, -1f), DateTimeOffset.UtcNow);
        var shard = grid.Silo.GetGrain<IGalleryShardGrain>(ShardKeys.For(DeSuspects, 0));
        var search = new ShardSearch(Vectors.Unit(1, 8), Model, 5, -1f, Purpose, minted);

        Internally(searcher);
        var e = await Assert.ThrowsAsync<GridAccessDeniedException>(() => shard.SearchAsync(search));
        Assert.Contains("BadSignature", e.Message);

        // The genuine ticket, from DE's agreement grain on DE's silo, is accepted by the same shard.
        Internally(searcher);
        var genuine = await grid.Silo.GetGrain<ISharingAgreementGrain>(new AgreementKey(De, Nl).ToString()).AuthoriseAsync([DeSuspects], Purpose);
        Assert.True(genuine.Granted, genuine.Message);
        Internally(searcher);
        await shard.SearchAsync(search with { Ticket = genuine.Ticket });

        As(grid.KeyOf(De));
        var entries = await grid.Client.GetGrain<IAuditLogGrain>(De.Value).ReadAsync(0, 1000);
        Assert.Contains(entries, x => x.Kind == AuditKind.Refusal && x.Detail.Contains("Shard refused") && x.Detail.Contains("BadSignature"));
    }

    /// <summary>An internal ticket seen on the silo network is replayed within its minute, for another principal (or
    /// other arguments). It binds both, so the replay is refused before the grain runs.</summary>
    [Fact]
    public async Task A_replayed_internal_ticket_with_another_principal_or_other_arguments_is_refused()
    {
        await grid.SearchAsync(Nl, [DeSuspects], seed: 9);
        var seen = RedTeamFixture.Seen.Last(s => s.Method == nameof(ISharingAgreementGrain.AuthoriseAsync) && s.Principal?.Force == Nl);
        var galleries = (System.Collections.Immutable.ImmutableArray<GalleryId>)seen.Arguments[0]!;
        var purpose = (SearchPurpose)seen.Arguments[1]!;
        var agreement = grid.Client.GetGrain<ISharingAgreementGrain>(new AgreementKey(De, Nl).ToString());

        foreach (var (principal, asked) in new[]
                 {
                     (seen.Principal! with { User = "mallory" }, purpose),
                     (new Principal(De, "tester", seen.Principal!.Roles, false), purpose),
                     (seen.Principal!, purpose with { CaseReference = "OTHER-CASE" }),
                 })
        {
            RequestContext.Clear();
            RequestContext.Set(GridRequestContext.InternalTicketKey, seen.Ticket);
            RequestContext.Set(GridRequestContext.PrincipalKey, principal);
            var e = await Assert.ThrowsAsync<GridAccessDeniedException>(() => agreement.AuthoriseAsync(galleries, asked));
            Assert.Contains("Invalid internal ticket", e.Message);
        }
    }

    /// <summary>NL has no agreement with FR. Probing FR's gallery names (one exists, one does not, one with another model
    /// id) gets one and the same answer; every probe is in NL's log, and in FR's only where the gallery exists.</summary>
    [Fact]
    public async Task An_existence_probe_learns_nothing_and_every_probe_is_audited()
    {
        var missing = new GalleryId(Fr.Value, "does-not-exist");
        var answers = new[]
        {
            await grid.SearchAsync(Nl, [FrSuspects]),
            await grid.SearchAsync(Nl, [missing]),
            await grid.SearchAsync(Nl, [FrSuspects], model: "some-other-model"),
            await grid.SearchAsync(Nl, [missing], model: "some-other-model"),
        };
        Assert.All(answers, a => Assert.Empty(a.Candidates));
        // The caller's own gallery name is echoed back; apart from it, every answer is the same text.
        var answer = Assert.Single(answers.Select(a => Assert.Single(a.Refusals)).Select(r => (r.Reason, Message: r.Message.Replace(r.Gallery.Key, "{gallery}"))).Distinct());
        Assert.Equal(RefusalReason.NoAgreement, answer.Reason);

        As(grid.KeyOf(Nl));
        var nl = await grid.Client.GetGrain<IAuditLogGrain>(Nl.Value).ReadAsync(0, 1000);
        Assert.Contains(nl, x => x.Kind == AuditKind.OutgoingSearch && x.Partner == Fr && x.GalleriesAsked.Contains(missing));
        Assert.Contains(nl, x => x.Kind == AuditKind.OutgoingSearch && x.Partner == Fr && x.GalleriesAsked.Contains(FrSuspects));
        As(grid.KeyOf(Fr));
        var fr = await grid.Client.GetGrain<IAuditLogGrain>(Fr.Value).ReadAsync(0, 1000);
        Assert.Contains(fr, x => x.Kind == AuditKind.IncomingSearch && x.Partner == Nl && x.GalleriesAsked.Contains(FrSuspects));
        Assert.DoesNotContain(fr, x => x.Kind == AuditKind.IncomingSearch && x.GalleriesAsked.Contains(missing));
    }

    [Theory]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData(".hidden")]
    [InlineData("a..b")]
    public async Task Path_like_gallery_names_are_refused(string name)
    {
        Assert.Throws<ArgumentException>(() => GalleryId.Parse($"{Nl.Value}/{name}"));
        As(grid.KeyOf(Nl));
        await Assert.ThrowsAsync<ArgumentException>(() => grid.Client.GetGrain<IGalleryGrain>($"{Nl.Value}/{name}")
            .CreateAsync(new GalleryConfig(GalleryConfig.DefaultEngine, 1, Model, SubjectCategory.Suspect)));
        await foreach (var blob in grid.Blobs.GetBlobContainerClient(new Grid.Grains.Storage.GridStorageOptions().ShardContainer)
                           .GetBlobsAsync(BlobTraits.None, BlobStates.None, null, CancellationToken.None))
            Assert.DoesNotContain(blob.Name.Split('/'), part => part is "." or ".." || part.StartsWith('.'));
    }

    [Theory]
    [InlineData("nl-case-0000001\u202e")]
    [InlineData("nl-case\u200b-0000002")]
    [InlineData("nl-case\u2066-0000003\u2069")]
    [InlineData("nl-case\u00a0-0000004")]
    [InlineData("nl-case\uff0f0000005")]
    [InlineData("nl-case\u201a0000006")]
    [InlineData("nl-case-\ufeff0000007")]
    public async Task Subject_refs_with_bidi_invisible_or_look_alike_characters_are_refused(string subjectRef)
    {
        As(grid.KeyOf(Nl));
        await Assert.ThrowsAsync<InvalidSubjectRefException>(() => grid.Client.GetGrain<IGalleryGrain>(NlCases.Key)
            .EnrolAsync(new EnrolBatch([subjectRef], Vectors.Unit(1, 11), Model)));
    }

    /// <summary>Two refs that display alike must be one string: a decomposed "é" or the Ångström sign would read like the
    /// NFC ref but not remove it, so they are refused; the NFC ref enrols and removes.</summary>
    [Fact]
    public async Task Only_refs_already_in_NFC_are_accepted_so_the_displayed_ref_removes_the_subject()
    {
        As(grid.KeyOf(Nl));
        var gallery = grid.Client.GetGrain<IGalleryGrain>(NlCases.Key);
        await Assert.ThrowsAsync<InvalidSubjectRefException>(() => gallery.EnrolAsync(new EnrolBatch(["nl-cafe\u0301-1"], Vectors.Unit(1, 12), Model)));
        await Assert.ThrowsAsync<InvalidSubjectRefException>(() => gallery.EnrolAsync(new EnrolBatch(["nl-\u212Bngstrom-1"], Vectors.Unit(1, 12), Model)));
        await gallery.EnrolAsync(new EnrolBatch(["nl-caf\u00e9-1"], Vectors.Unit(1, 12), Model));
        Assert.Equal(1, await gallery.RemoveAsync("nl-caf\u00e9-1"));
        await Assert.ThrowsAsync<InvalidSubjectRefException>(() => gallery.RemoveAsync("nl-cafe\u0301-1"));
    }

    [Fact]
    public async Task The_last_active_force_admin_cannot_be_disabled()
    {
        As(grid.OperatorKey);
        var first = await grid.Client.GetGrain<IOperatorGrain>(IOperatorGrain.Key).CreateForceAsync(ForceId.Parse("BE"), "BE", "chief");
        As(first.Key);
        var force = grid.Client.GetGrain<IForceGrain>("BE");
        await Assert.ThrowsAsync<InvalidOperationException>(() => force.DisableUserAsync("chief"));

        var second = await force.AddUserAsync("deputy", Role.ForceAdmin);
        await force.DisableUserAsync("chief");
        As(second.Key);
        await Assert.ThrowsAsync<InvalidOperationException>(() => grid.Client.GetGrain<IForceGrain>("BE").DisableUserAsync("deputy"));
        Assert.Contains(await grid.Client.GetGrain<IForceGrain>("BE").ListUsersAsync(), u => u.User == "deputy" && !u.Disabled);
    }

    private async Task<(BlobContainerClient, string)> FindStateBlobAsync(string fragment)
    {
        await foreach (var c in grid.Blobs.GetBlobContainersAsync())
        {
            var container = grid.Blobs.GetBlobContainerClient(c.Name);
            await foreach (var blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, null, CancellationToken.None))
                if (blob.Name.Contains(fragment, StringComparison.Ordinal)) return (container, blob.Name);
        }

        throw new InvalidOperationException($"No grain-state blob names {fragment}.");
    }

    private static byte[] Replace(byte[] bytes, string from, string to)
    {
        Assert.Equal(from.Length, to.Length);
        var text = Encoding.Latin1.GetString(bytes);
        Assert.Contains(from, text);
        return Encoding.Latin1.GetBytes(text.Replace(from, to, StringComparison.Ordinal));
    }
}
