using System.Net;
using System.Net.Http.Headers;
using Grid.Client;
using Grid.Cluster.Tests;
using Grid.Protocol.Audit;
using Grid.Protocol.Errors;
using Grid.Protocol.Galleries;
using Grid.Protocol.Identity;
using Grid.Protocol.Review;
using Grid.Protocol.Search;
using Grid.Protocol.Sharing;

namespace Grid.Api.Tests;

/// <summary>
/// Review and follow-up through the HTTPS API and GridClient against the live silo: four-eyes review, candidate images
/// under the agreement, follow-up released to the requesting case, both audits; and every "bad input" rule of the
/// workflow as its own problem code with nothing changed. Each test makes its own pair of forces (the shared grid's
/// NL/DE agreement is revoked by another test).
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ReviewWorkflowTests(ApiGrid grid)
{
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0, 16, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0, 1, 2, 3];
    private const string Offence = "organised-armed-robbery";
    private static readonly FollowUpRequest Ask = new(Offence, "Armed robbery of a jeweller in Utrecht on 2026-11-02; the probe is from CCTV.");
    private static readonly SubjectCoreData CoreData = new(["Max Mustermann"], ["Der Juwelier"], new DateOnly(1980, 5, 1), "DE", "M",
        new DateOnly(2025, 3, 2), "Berlin", "robbery", "BKA-2025-0042", "Bundeskriminalamt");

    [SkippableFact]
    public async Task Four_eyes_review_and_a_follow_up_reach_the_requesting_case_and_both_audits_with_each_refusal_changing_nothing()
    {
        Skip.If(grid.SkipReason is not null, grid.SkipReason);
        var (owner, requester, gallery, subjects, probe) = await PairAsync("IT-RV", "ES-RV", reviewers: 2, shareImages: true, rank1: 7);
        await owner.Lead.SetSubjectImageAsync(gallery, subjects[7], Jpeg);
        await owner.Lead.SetCoreDataAsync(gallery, subjects[7], CoreData);
        Assert.Equal(CoreData.Names, (await owner.Reviewer1.GetCoreDataAsync(gallery, subjects[7]))!.Names);

        var search = (await requester.Lead.SearchAsync(Search(gallery, probe))).Response;
        var id = Assert.IsType<string>(search.SearchId);
        var queue = await requester.Reviewer1.ListCasesAsync(requester.Id, undecidedOnly: true);
        Assert.Equal(id, Assert.Single(queue).SearchId);
        var opened = await requester.Reviewer1.GetCaseAsync(requester.Id, id);
        Assert.Equal(subjects[7], opened.Candidates[0].Candidate.SubjectRef);
        Assert.Equal((2, true, ReviewOutcome.Undecided), (opened.Candidates[0].RequiredReviewers, opened.Candidates[0].ImagesShared, opened.Candidates[0].Outcome));
        Assert.Equal(64, opened.ProbeFingerprint.Length); // the probe itself is not in the grid
        Assert.Equal("API-REVIEW", opened.Purpose.CaseReference);

        // A decision by a non-reviewer (the force's own lead) is refused and nothing is recorded.
        var notReviewer = await Assert.ThrowsAsync<GridException>(() => requester.Lead.DecideAsync(requester.Id, id, 1, ReviewVerdict.PossibleMatch, "looks alike"));
        Assert.Equal((ProblemCodes.NotAReviewer, 403), (notReviewer.Code, notReviewer.Status));

        var first = await requester.Reviewer1.DecideAsync(requester.Id, id, 1, ReviewVerdict.PossibleMatch, "Same scar above the left eye.");
        Assert.Equal(ReviewOutcome.Undecided, first.Candidates[0].Outcome);
        // Four-eyes: the second reviewer sees that one decision exists, not what it says.
        var blind = await requester.Reviewer2.GetCaseAsync(requester.Id, id);
        Assert.Equal((1, 0), (blind.Candidates[0].DecisionsRecorded, blind.Candidates[0].Decisions.Length));
        var twice = await Assert.ThrowsAsync<GridException>(() => requester.Reviewer1.DecideAsync(requester.Id, id, 1, ReviewVerdict.NoMatch, "changed my mind"));
        Assert.Equal((ProblemCodes.AlreadyDecidedByYou, 409), (twice.Code, twice.Status));
        Assert.Equal(1, (await requester.Reviewer2.GetCaseAsync(requester.Id, id)).Candidates[0].DecisionsRecorded);

        // Follow-up before the match is confirmed: refused, nothing asked.
        var early = await Assert.ThrowsAsync<GridException>(() => requester.Reviewer1.RequestFollowUpAsync(requester.Id, id, 1, Ask));
        Assert.Equal((ProblemCodes.NotConfirmed, 409), (early.Code, early.Status));
        Assert.Empty(await owner.Reviewer1.ListFollowUpsAsync(owner.Id, incoming: true));

        var confirmed = await requester.Reviewer2.DecideAsync(requester.Id, id, 1, ReviewVerdict.PossibleMatch, "Agree: scar, ear, hairline.");
        Assert.Equal(ReviewOutcome.PossibleMatch, confirmed.Candidates[0].Outcome);
        Assert.Equal(2, confirmed.Candidates[0].Decisions.Length);

        var image = await requester.Reviewer1.GetCandidateImageAsync(requester.Id, id, 1);
        Assert.Equal("image/jpeg", image.ContentType);
        Assert.Equal(Jpeg, image.Bytes);

        var asked = await requester.Reviewer1.RequestFollowUpAsync(requester.Id, id, 1, Ask);
        Assert.Equal((FollowUpStatus.Requested, false), (asked.Status, asked.Overdue));
        Assert.Equal(TimeSpan.FromHours(48), asked.DueAt - asked.RequestedAt);
        var incoming = Assert.Single(await owner.Reviewer1.ListFollowUpsAsync(owner.Id, incoming: true));
        Assert.Equal(asked.Id, incoming.Id);
        Assert.Equal(asked.Id, Assert.Single(await requester.Reviewer1.ListFollowUpsAsync(requester.Id, incoming: false)).Id);

        // A release by the requester is refused; the request stays open.
        var byRequester = await Assert.ThrowsAsync<GridException>(() => requester.Reviewer1.ReleaseFollowUpAsync(asked.Id));
        Assert.Equal((ProblemCodes.NotOwnerReviewer, 403), (byRequester.Code, byRequester.Status));
        Assert.Equal(FollowUpStatus.Requested, (await owner.Reviewer1.GetFollowUpAsync(asked.Id)).Status);

        var extended = await owner.Reviewer1.ExtendFollowUpAsync(asked.Id, "Awaiting the investigating judge, Berlin AG 12/26", asked.DueAt.AddHours(24));
        Assert.Equal(asked.DueAt.AddHours(24), extended.DueAt);
        var released = await owner.Reviewer1.ReleaseFollowUpAsync(asked.Id);
        Assert.Equal(FollowUpStatus.Released, released.Status);
        Assert.Null(released.CoreData); // the owner's copy never carries it
        var again = await Assert.ThrowsAsync<GridException>(() => owner.Reviewer1.DeclineFollowUpAsync(asked.Id, "second thoughts"));
        Assert.Equal(ProblemCodes.AlreadyAnswered, again.Code);

        // Released data reaches the requesting case, and only it; lists never carry it.
        var withData = (await requester.Reviewer1.GetCaseAsync(requester.Id, id)).Candidates[0].FollowUp!;
        Assert.Equal((FollowUpStatus.Released, "BKA-2025-0042"), (withData.Status, withData.CoreData!.CaseNumber));
        Assert.All(await requester.Reviewer1.ListFollowUpsAsync(requester.Id, incoming: false), f => Assert.Null(f.CoreData));

        foreach (var (force, client) in new[] { (requester.Id, requester.Lead), (owner.Id, owner.Lead) })
        {
            var audit = await client.Audit(force).ExportAsync();
            foreach (var kind in new[] { AuditKind.ReviewDecision, AuditKind.MatchConfirmed, AuditKind.FollowUpRequested, AuditKind.FollowUpExtended,
                         AuditKind.FollowUpReleased, AuditKind.CandidateImage })
                Assert.Contains(audit.Entries, e => e.Kind == kind);
            Assert.True((await client.Audit(force).VerifyAsync()).Intact);
        }
        var stats = Assert.Single((await requester.Lead.GetStatsAsync(requester.Id)).Partners, p => p.Partner == owner.Id);
        Assert.Equal((1, 1, 1, 0), (stats.ConfirmedMatches, stats.FollowUpsRequested, stats.FollowUpsReleased, stats.FollowUpsDeclined));
    }

    [SkippableFact]
    public async Task Release_after_revocation_unshared_images_and_non_image_uploads_are_refused_and_change_nothing()
    {
        Skip.If(grid.SkipReason is not null, grid.SkipReason);
        var (owner, requester, gallery, subjects, probe) = await PairAsync("PL-RV", "CZ-RV", reviewers: 1, shareImages: false, rank1: 3);
        await owner.Lead.SetCoreDataAsync(gallery, subjects[3], CoreData);

        // A non-image upload: refused at the door, with nothing stored.
        var text = "GIF89a? no: plain text pretending"u8.ToArray();
        var notImage = await Assert.ThrowsAsync<GridException>(() => owner.Lead.SetSubjectImageAsync(gallery, subjects[3], text));
        Assert.Equal((ProblemCodes.NotAnImage, 415), (notImage.Code, notImage.Status));
        using var raw = grid.Raw(owner.LeadKey);
        using var lying = new ByteArrayContent(text);
        lying.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        var lied = await raw.PutAsync($"v1/galleries/PL-RV/suspects/subjects/image?ref={subjects[3]}", lying);
        Assert.Equal((HttpStatusCode.UnsupportedMediaType, ProblemCodes.NotAnImage), (lied.StatusCode, await ApiGrid.ProblemCodeAsync(lied)));
        Assert.Null(await owner.Lead.GetSubjectImageAsync(gallery, subjects[3]));
        await owner.Lead.SetSubjectImageAsync(gallery, subjects[3], Jpeg);

        var id = (await requester.Lead.SearchAsync(Search(gallery, probe))).Response.SearchId!;
        // This agreement does not share images: the case says so and the fetch is refused.
        Assert.False((await requester.Reviewer1.GetCaseAsync(requester.Id, id)).Candidates[0].ImagesShared);
        var unshared = await Assert.ThrowsAsync<GridException>(() => requester.Reviewer1.GetCandidateImageAsync(requester.Id, id, 1));
        Assert.Equal((ProblemCodes.ImagesNotShared, 403), (unshared.Code, unshared.Status));

        // Follow-up for a candidate marked no-match is refused.
        await requester.Reviewer1.DecideAsync(requester.Id, id, 2, ReviewVerdict.NoMatch, "Different jaw line.");
        var noMatch = await Assert.ThrowsAsync<GridException>(() => requester.Reviewer1.RequestFollowUpAsync(requester.Id, id, 2, Ask));
        Assert.Equal(ProblemCodes.NotConfirmed, noMatch.Code);

        await requester.Reviewer1.DecideAsync(requester.Id, id, 1, ReviewVerdict.PossibleMatch, "Same tattoo on the neck.");
        var asked = await requester.Reviewer1.RequestFollowUpAsync(requester.Id, id, 1, Ask);
        var twice = await Assert.ThrowsAsync<GridException>(() => requester.Reviewer1.RequestFollowUpAsync(requester.Id, id, 1, Ask));
        Assert.Equal(ProblemCodes.FollowUpExists, twice.Code);

        // Release after a revocation: refused, the request stays open and the case holds no core data.
        await owner.Lead.Agreement(new AgreementKey(owner.Id, requester.Id)).RevokeAsync();
        var revoked = await Assert.ThrowsAsync<GridException>(() => owner.Reviewer1.ReleaseFollowUpAsync(asked.Id));
        Assert.Equal((ProblemCodes.AgreementNotActive, 409), (revoked.Code, revoked.Status));
        Assert.Equal(FollowUpStatus.Requested, (await owner.Reviewer1.GetFollowUpAsync(asked.Id)).Status);
        Assert.Null((await requester.Reviewer1.GetCaseAsync(requester.Id, id)).Candidates[0].FollowUp!.CoreData);
        var declined = await owner.Reviewer1.DeclineFollowUpAsync(asked.Id, "The agreement was revoked; ask through the liaison officer.");
        Assert.Equal(FollowUpStatus.Declined, declined.Status);

        var unknown = await Assert.ThrowsAsync<GridException>(() => requester.Reviewer1.GetCaseAsync(requester.Id, new string('0', 32)));
        Assert.Equal((ProblemCodes.CaseNotFound, 404), (unknown.Code, unknown.Status));
        var missing = await Assert.ThrowsAsync<GridException>(() => owner.Reviewer1.GetFollowUpAsync($"PL-RV/CZ-RV.{new string('0', 32)}.1"));
        Assert.Equal((ProblemCodes.FollowUpNotFound, 404), (missing.Code, missing.Status));
        var stats = Assert.Single((await owner.Lead.GetStatsAsync(owner.Id)).Partners, p => p.Partner == requester.Id);
        Assert.Equal((1, 1, 0, 1), (stats.ConfirmedMatches, stats.FollowUpsRequested, stats.FollowUpsReleased, stats.FollowUpsDeclined));
    }

    private sealed record ForceUsers(string Id, GridClient Lead, string LeadKey, GridClient Reviewer1, GridClient Reviewer2);

    /// <summary>An owner with a gallery of 40 synthetic subjects, a requester, an active agreement with the given terms,
    /// and a probe whose best candidate is subject <paramref name="rank1"/>. Each force has a lead (every role but
    /// reviewer) and two reviewers.</summary>
    private async Task<(ForceUsers Owner, ForceUsers Requester, GalleryId Gallery, string[] Subjects, float[] Probe)> PairAsync(
        string ownerId, string requesterId, int reviewers, bool shareImages, int rank1)
    {
        var owner = await ForceAsync(ownerId);
        var requester = await ForceAsync(requesterId);
        var gallery = GalleryId.Parse($"{ownerId}/suspects");
        await owner.Lead.CreateGalleryAsync(gallery, new GalleryConfig("exact", 1, Category: SubjectCategory.Suspect));
        var (subjects, templates) = Synthetic.Gallery(ownerId.ToLowerInvariant() + "-", 40, seed: ownerId.Length * 31 + rank1);
        await owner.Lead.EnrolBulkAsync(gallery, subjects, templates, GalleryConfig.UnspecifiedModel);
        var key = new AgreementKey(ownerId, requesterId);
        var proposed = await owner.Lead.Agreement(key).ProposeAsync(new AgreementTerms([gallery], [Offence], 3, -1f, 50,
            DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(30), reviewers, shareImages));
        Assert.Equal((reviewers, shareImages), (proposed.Terms!.RequiredReviewers, proposed.Terms.ShareImages));
        await requester.Lead.Agreement(key).AcceptAsync(proposed.Version);
        return (owner, requester, gallery, subjects, templates.Row(rank1).ToArray());
    }

    private async Task<ForceUsers> ForceAsync(string id)
    {
        var admin = await grid.Operator.CreateForceAsync(id, $"{id} review test", "admin");
        await using var asAdmin = await grid.ConnectAsync(admin.Key);
        var lead = await asAdmin.AddUserAsync(id, "lead", Role.Searcher | Role.Enroller | Role.AgreementAdmin | Role.Auditor | Role.ForceAdmin);
        var reviewer1 = await asAdmin.AddUserAsync(id, "reviewer1", Role.Reviewer);
        var reviewer2 = await asAdmin.AddUserAsync(id, "reviewer2", Role.Reviewer);
        return new ForceUsers(id, await grid.ConnectAsync(lead.Key), lead.Key, await grid.ConnectAsync(reviewer1.Key), await grid.ConnectAsync(reviewer2.Key));
    }

    private static SearchRequest Search(GalleryId gallery, float[] probe) => new([gallery], probe,
        new SearchPurpose(Offence, "API-REVIEW", SubjectCategory.Suspect, "Review workflow test through the HTTPS API"), K: 3, DeadlineMs: 10_000);
}
