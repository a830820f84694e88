using Grid.Client;
using Grid.Cluster.Tests;
using Grid.Protocol.Audit;
using Grid.Protocol.Galleries;
using Grid.Protocol.Sharing;

namespace Grid.Api.Tests;

/// <summary>Agreements, a search across forces they allow, and the audit at both ends, through the API.</summary>
[Collection(ApiCollection.Name)]
public sealed class AgreementAndAuditTests(ApiGrid grid)
{
    [SkippableFact]
    public async Task An_agreement_opens_a_partners_gallery_until_revoked_and_both_audits_record_it()
    {
        Skip.If(grid.SkipReason is not null, grid.SkipReason);
        await using var de = await grid.ConnectAsync(grid.UserKey("DE"));
        await using var nl = await grid.ConnectAsync(grid.UserKey("NL"));
        var robbery = GalleryId.Parse("DE/robbery");
        await de.CreateGalleryAsync(robbery, new GalleryConfig("exact", 2, Category: SubjectCategory.Convicted));
        var (subjects, templates) = Synthetic.Gallery("de-", 200, seed: 21);
        await de.EnrolBulkAsync(robbery, subjects, templates, GalleryConfig.UnspecifiedModel);
        var key = new AgreementKey("DE", "NL");
        var probe = templates.Row(7).ToArray();

        var proposed = await de.Agreement(key).ProposeAsync(new AgreementTerms([robbery], ["organised-armed-robbery"], 3, 0.2f, 50,
            DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(30)));
        var accepted = await nl.Agreement(key).AcceptAsync(proposed.Version);
        var allowed = (await nl.SearchAsync(GalleryAndSearchTests.Request([robbery], probe))).Response;
        var listed = await nl.ListAgreementsAsync("NL");
        var revoked = await de.Agreement(key).RevokeAsync();
        var refused = (await nl.SearchAsync(GalleryAndSearchTests.Request([robbery], probe))).Response;

        Assert.Equal(AgreementStatus.Proposed, proposed.Status);
        Assert.Equal(AgreementStatus.Active, accepted.Status);
        Assert.Equal("DE->NL", accepted.Agreement);
        Assert.Equal(subjects[7], allowed.Candidates[0].SubjectRef);
        Assert.InRange(allowed.Candidates.Length, 1, 3); // the agreement's cap
        Assert.Contains(listed, a => a.Agreement == "DE->NL");
        Assert.Equal(AgreementStatus.Revoked, revoked.Status);
        Assert.Empty(refused.Candidates);
        Assert.Contains(refused.Refusals, r => r.Gallery == robbery);

        var nlAudit = await nl.Audit("NL").ExportAsync();
        var deAudit = await de.Audit("DE").ExportAsync();
        Assert.Contains(nlAudit.Entries, e => e.Kind == AuditKind.OutgoingSearch && e.Partner == "DE" && e.CaseReference == "API-TEST-1");
        Assert.Contains(deAudit.Entries, e => e.Kind == AuditKind.IncomingSearch && e.Partner == "NL");
        Assert.Contains(deAudit.Entries, e => e.Kind == AuditKind.AgreementChange);
        Assert.All(nlAudit.Entries.Zip(nlAudit.Entries.Skip(1)), pair => Assert.Equal(pair.First.Hash, pair.Second.PrevHash));
        Assert.True((await nl.Audit("NL").VerifyAsync()).Intact);
        var since = nlAudit.Entries[^1].Time;
        Assert.All((await nl.Audit("NL").ExportAsync(since)).Entries, e => Assert.True(e.Time >= since));
        Assert.Contains((await de.Audit("DE").GetStatsAsync()).Partners, p => p.Partner == "NL" && p.SearchesReceived >= 1);
    }
}
