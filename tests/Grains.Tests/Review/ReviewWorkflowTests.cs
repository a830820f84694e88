using Grid.Contracts.Audit;
using Grid.Contracts.Galleries;
using Grid.Contracts.Identity;
using Grid.Contracts.Review;
using Grid.Contracts.Sharing;
using Grid.Grains.Review;
using Grid.Grains.Tests.Support;
using Xunit;

namespace Grid.Grains.Tests.Review;

/// <summary>
/// The review and follow-up workflow through the real grains (coordinator, agreement, shards, audit on Azurite):
/// four-eyes review, candidate images under the agreement, the 48-hour follow-up clock with an extension, release
/// to the requesting case only, refusals that change nothing, both audits and the Art 72 counts.
/// </summary>
[Collection(ReviewClusterCollection.Name)]
public sealed class ReviewWorkflowTests(ReviewClusterFixture grid)
{
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0, 16, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0, 1, 2, 3];

    [Fact]
    public async Task Four_eyes_review_then_follow_up_released_to_the_requesting_case_audited_at_both_ends()
    {
        var owner = await grid.CreateForceAsync("DE-RVA", "suspects");
        var requester = await grid.CreateForceAsync("NL-RVA");
        var vectors = await grid.EnrolAsync(owner, "suspects", "DE", 20, seed: 8101);
        await grid.AgreeAsync(owner, requester, "suspects", reviewers: 2, shareImages: true);
        var subject = grid.As(owner.Enroller).GetGrain<ISubjectRecordGrain>(ReviewKeys.Subject(new GalleryId("DE-RVA", "suspects"), "DE-0005"));
        await subject.SetImageAsync(new CandidateImage(CandidateImage.Jpeg, Jpeg));
        await subject.SetCoreDataAsync(ReviewClusterFixture.CoreData);

        // Every search opens a case at the requester; the case holds the probe's fingerprint, never the template.
        var response = await grid.SearchAsync(requester, [new GalleryId("DE-RVA", "suspects")], Vectors.Row(vectors, 5));
        Assert.NotNull(response.SearchId);
        var searchId = response.SearchId!;
        var opened = await grid.Case(requester.Reviewer1, requester, searchId).GetAsync();
        Assert.Equal(response.Candidates.Length, opened.Candidates.Length);
        Assert.Equal("DE-0005", opened.Candidates[0].Candidate.SubjectRef);
        Assert.All(opened.Candidates, c => Assert.Equal((2, true, ReviewOutcome.Undecided), (c.RequiredReviewers, c.ImagesShared, c.Outcome)));
        Assert.Equal(64, opened.ProbeFingerprint.Length);
        Assert.Equal(ReviewClusterFixture.Purpose, opened.Purpose);
        Assert.True(opened.Coverage.Complete);
        var queue = await grid.As(requester.Reviewer1).GetGrain<ICaseIndexGrain>(ReviewKeys.Index(requester.Id)).ListCasesAsync(undecidedOnly: true);
        Assert.Equal(searchId, Assert.Single(queue).SearchId);

        // A searcher is not a reviewer: refused, nothing recorded.
        await Assert.ThrowsAsync<GridAccessDeniedException>(() =>
            grid.Case(requester.Searcher, requester, searchId).DecideAsync(1, ReviewVerdict.PossibleMatch, "looks alike"));
        // The owner's reviewer cannot decide on the requester's case either.
        await Assert.ThrowsAsync<GridAccessDeniedException>(() =>
            grid.Case(owner.Reviewer1, requester, searchId).DecideAsync(1, ReviewVerdict.PossibleMatch, "looks alike"));

        var first = await grid.Case(requester.Reviewer1, requester, searchId).DecideAsync(1, ReviewVerdict.PossibleMatch, "Same ear shape and scar.");
        Assert.Equal(ReviewOutcome.Undecided, first.Candidates[0].Outcome);
        Assert.Single(first.Candidates[0].Decisions);

        // Four-eyes: the second reviewer sees that a decision exists, not what it says, until recording their own.
        var blind = await grid.Case(requester.Reviewer2, requester, searchId).GetAsync();
        Assert.Equal(1, blind.Candidates[0].DecisionsRecorded);
        Assert.Empty(blind.Candidates[0].Decisions);
        var twice = await Assert.ThrowsAsync<ReviewRefusedException>(() =>
            grid.Case(requester.Reviewer1, requester, searchId).DecideAsync(1, ReviewVerdict.PossibleMatch, "again"));
        Assert.Equal(ReviewRefusal.AlreadyDecidedByYou, twice.Reason);
        var early = await Assert.ThrowsAsync<ReviewRefusedException>(() => grid.Case(requester.Reviewer1, requester, searchId)
            .RequestFollowUpAsync(1, new FollowUpRequest("murder", "Homicide in Rotterdam on 2026-11-02, suspect on CCTV.")));
        Assert.Equal(ReviewRefusal.NotConfirmed, early.Reason);

        var second = await grid.Case(requester.Reviewer2, requester, searchId).DecideAsync(1, ReviewVerdict.PossibleMatch, "Agree: ear, scar, hairline.");
        Assert.Equal(ReviewOutcome.PossibleMatch, second.Candidates[0].Outcome);
        Assert.Equal(2, second.Candidates[0].Decisions.Length);
        await grid.Case(requester.Reviewer1, requester, searchId).DecideAsync(2, ReviewVerdict.NoMatch, "Different nose and chin.");

        // The image comes through the case, because this agreement shares images now.
        var image = await grid.Case(requester.Reviewer1, requester, searchId).GetCandidateImageAsync(1);
        Assert.Equal(Jpeg, image.Bytes);

        // Follow-up only for a confirmed possible match.
        var notMatch = await Assert.ThrowsAsync<ReviewRefusedException>(() => grid.Case(requester.Reviewer1, requester, searchId)
            .RequestFollowUpAsync(2, new FollowUpRequest("murder", "Homicide in Rotterdam on 2026-11-02, suspect on CCTV.")));
        Assert.Equal(ReviewRefusal.NotConfirmed, notMatch.Reason);
        var asked = await grid.Case(requester.Reviewer1, requester, searchId)
            .RequestFollowUpAsync(1, new FollowUpRequest("murder", "Homicide in Rotterdam on 2026-11-02, suspect on CCTV."));
        Assert.Equal((FollowUpStatus.Requested, grid.Clock.Now.AddHours(48)), (asked.Status, asked.DueAt));
        var followUp = grid.As(owner.Reviewer1).GetGrain<IFollowUpGrain>(asked.Id);

        // The requester cannot release its own request: only the owner's reviewer can. Nothing changes.
        await Assert.ThrowsAsync<GridAccessDeniedException>(() => grid.As(requester.Reviewer1).GetGrain<IFollowUpGrain>(asked.Id).ReleaseAsync());
        await Assert.ThrowsAsync<GridAccessDeniedException>(() => grid.As(owner.Enroller).GetGrain<IFollowUpGrain>(asked.Id).ReleaseAsync());
        Assert.Equal(FollowUpStatus.Requested, (await grid.As(owner.Reviewer1).GetGrain<IFollowUpGrain>(asked.Id).GetAsync()).Status);

        // 49 hours later the request is overdue on both sides; an extension for a judicial authorisation clears it.
        grid.Clock.Now += TimeSpan.FromHours(49);
        var incoming = await grid.As(owner.Reviewer1).GetGrain<ICaseIndexGrain>(ReviewKeys.Index(owner.Id)).ListFollowUpsAsync(incoming: true);
        Assert.True(Assert.Single(incoming).Overdue);
        Assert.True((await grid.Case(requester.Reviewer2, requester, searchId).GetAsync()).Candidates[0].FollowUp!.Overdue);
        await grid.As(owner.Reviewer1).GetGrain<IFollowUpGrain>(asked.Id).ExtendAsync("Amtsgericht Köln authorisation 12 Gs 34/26", grid.Clock.Now.AddDays(3));
        var extended = (await grid.Case(requester.Reviewer2, requester, searchId).GetAsync()).Candidates[0].FollowUp!;
        Assert.False(extended.Overdue);
        Assert.Contains("Amtsgericht", extended.Extension);

        var released = await grid.As(owner.Reviewer1).GetGrain<IFollowUpGrain>(asked.Id).ReleaseAsync();
        Assert.Equal(FollowUpStatus.Released, released.Status);
        Assert.Null(released.CoreData); // the owner's copy never holds it
        var answered = (await grid.Case(requester.Reviewer2, requester, searchId).GetAsync()).Candidates[0].FollowUp!;
        Assert.Equal(FollowUpStatus.Released, answered.Status);
        Assert.Equal(ReviewClusterFixture.CoreData.Names.ToArray(), answered.CoreData!.Names.ToArray());
        Assert.Equal(ReviewClusterFixture.CoreData.CaseNumber, answered.CoreData.CaseNumber);
        var again = await Assert.ThrowsAsync<ReviewRefusedException>(() => grid.As(owner.Reviewer2).GetGrain<IFollowUpGrain>(asked.Id).ReleaseAsync());
        Assert.Equal(ReviewRefusal.AlreadyAnswered, again.Reason);
        Assert.Null((await grid.As(requester.Reviewer1).GetGrain<ICaseIndexGrain>(ReviewKeys.Index(requester.Id)).ListFollowUpsAsync(false)).Single().CoreData);

        // Both audits hold the decisions, the confirmation, the image, the request and the answers; never the subject.
        foreach (var (force, partner) in new[] { (requester, owner.Id), (owner, requester.Id) })
        {
            var log = grid.As(force.Auditor).GetGrain<IAuditLogGrain>(force.Id.Value);
            var entries = await log.ReadAsync(0, 1000);
            Assert.Equal(3, entries.Count(e => e.Kind == AuditKind.ReviewDecision && e.Partner == partner && e.CaseReference == "NL-2026-0815"));
            Assert.Contains(entries, e => e.Kind == AuditKind.AgreementChange && e.Detail.Contains("reviewers 2; images shared"));
            foreach (var kind in new[] { AuditKind.MatchConfirmed, AuditKind.CandidateImage, AuditKind.FollowUpRequested, AuditKind.FollowUpExtended, AuditKind.FollowUpReleased })
                Assert.Single(entries, e => e.Kind == kind && e.Partner == partner);
            Assert.DoesNotContain(entries, e => e.Kind != AuditKind.Enrolment && (e.Detail.Contains("DE-0005") || e.Detail.Contains("Jan Example")));
            Assert.True((await log.VerifyAsync()).Intact);
            var stats = (await log.GetStatsAsync()).Partners.Single(p => p.Partner == partner);
            Assert.Equal((1, 1, 1, 0), (stats.ConfirmedMatches, stats.FollowUpsRequested, stats.FollowUpsReleased, stats.FollowUpsDeclined));
        }

        // Released core data leaves the case after its retention; the case itself stays until its own.
        grid.Clock.Now += ReviewClusterFixture.ReleasedDataRetention;
        var retained = (await grid.Case(requester.Reviewer1, requester, searchId).GetAsync()).Candidates[0].FollowUp!;
        Assert.Null(retained.CoreData);
        Assert.NotNull(retained.CoreDataRemovedAt);
        Assert.Null((await grid.As(requester.Reviewer1).GetGrain<ICaseIndexGrain>(ReviewKeys.Index(requester.Id)).ListCasesAsync(false)).Single().ReleasedDataSince);
    }

    [Fact]
    public async Task Images_and_core_data_follow_the_agreement_at_the_moment_they_are_asked_for()
    {
        var owner = await grid.CreateForceAsync("DE-RVB", "suspects");
        var requester = await grid.CreateForceAsync("NL-RVB");
        var vectors = await grid.EnrolAsync(owner, "suspects", "DE", 10, seed: 8102);
        await grid.AgreeAsync(owner, requester, "suspects", reviewers: 1, shareImages: false);
        var gallery = new GalleryId("DE-RVB", "suspects");
        await grid.As(owner.Enroller).GetGrain<ISubjectRecordGrain>(ReviewKeys.Subject(gallery, "DE-0003")).SetImageAsync(new CandidateImage(CandidateImage.Jpeg, Jpeg));

        var searchId = (await grid.SearchAsync(requester, [gallery], Vectors.Row(vectors, 3))).SearchId!;
        var opened = await grid.Case(requester.Reviewer1, requester, searchId).GetAsync();
        Assert.All(opened.Candidates, c => Assert.Equal((1, false), (c.RequiredReviewers, c.ImagesShared)));
        var noImages = await Assert.ThrowsAsync<ReviewRefusedException>(() => grid.Case(requester.Reviewer1, requester, searchId).GetCandidateImageAsync(1));
        Assert.Equal(ReviewRefusal.ImagesNotShared, noImages.Reason);

        var decided = await grid.Case(requester.Reviewer1, requester, searchId).DecideAsync(1, ReviewVerdict.PossibleMatch, "Strong resemblance.");
        Assert.Equal(ReviewOutcome.PossibleMatch, decided.Candidates[0].Outcome);
        var closed = await Assert.ThrowsAsync<ReviewRefusedException>(() =>
            grid.Case(requester.Reviewer2, requester, searchId).DecideAsync(1, ReviewVerdict.NoMatch, "I disagree."));
        Assert.Equal(ReviewRefusal.AlreadyDecided, closed.Reason);
        var asked = await grid.Case(requester.Searcher, requester, searchId)
            .RequestFollowUpAsync(1, new FollowUpRequest("murder", "Stabbing in Utrecht on 2026-10-30, suspect fled by train."));
        var duplicate = await Assert.ThrowsAsync<ReviewRefusedException>(() => grid.Case(requester.Searcher, requester, searchId)
            .RequestFollowUpAsync(1, new FollowUpRequest("murder", "Stabbing in Utrecht on 2026-10-30, suspect fled by train.")));
        Assert.Equal(ReviewRefusal.FollowUpExists, duplicate.Reason);

        // No core data recorded yet: a release is refused with the reason, nothing changes.
        var none = await Assert.ThrowsAsync<ReviewRefusedException>(() => grid.As(owner.Reviewer1).GetGrain<IFollowUpGrain>(asked.Id).ReleaseAsync());
        Assert.Equal(ReviewRefusal.NoCoreData, none.Reason);
        await grid.As(owner.Enroller).GetGrain<ISubjectRecordGrain>(ReviewKeys.Subject(gallery, "DE-0003")).SetCoreDataAsync(ReviewClusterFixture.CoreData);

        // After a revocation nothing is released, however the request was made; a decline still answers it.
        await grid.As(owner.Agreements).GetGrain<ISharingAgreementGrain>(new AgreementKey(owner.Id, requester.Id).ToString()).RevokeAsync();
        var revoked = await Assert.ThrowsAsync<ReviewRefusedException>(() => grid.As(owner.Reviewer1).GetGrain<IFollowUpGrain>(asked.Id).ReleaseAsync());
        Assert.Equal(ReviewRefusal.AgreementNotActive, revoked.Reason);
        var unchanged = (await grid.Case(requester.Reviewer1, requester, searchId).GetAsync()).Candidates[0].FollowUp!;
        Assert.Equal((FollowUpStatus.Requested, (SubjectCoreData?)null), (unchanged.Status, unchanged.CoreData));
        await grid.As(owner.Reviewer1).GetGrain<IFollowUpGrain>(asked.Id).DeclineAsync("The agreement with NL-RVB was revoked.");
        var declined = (await grid.Case(requester.Reviewer1, requester, searchId).GetAsync()).Candidates[0].FollowUp!;
        Assert.Equal(FollowUpStatus.Declined, declined.Status);
        Assert.Equal("The agreement with NL-RVB was revoked.", declined.DeclineReason);

        foreach (var (force, partner) in new[] { (requester, owner.Id), (owner, requester.Id) })
        {
            var log = grid.As(force.Auditor).GetGrain<IAuditLogGrain>(force.Id.Value);
            var stats = (await log.GetStatsAsync()).Partners.Single(p => p.Partner == partner);
            Assert.Equal((1, 1, 0, 1), (stats.ConfirmedMatches, stats.FollowUpsRequested, stats.FollowUpsReleased, stats.FollowUpsDeclined));
            Assert.True((await log.VerifyAsync()).Intact);
        }
    }

    [Fact]
    public async Task Own_gallery_cases_are_queued_listed_and_deleted_under_retention()
    {
        var force = await grid.CreateForceAsync("NL-RVC", "suspects");
        var vectors = await grid.EnrolAsync(force, "suspects", "NL", 10, seed: 8103);
        var gallery = new GalleryId("NL-RVC", "suspects");
        var searchId = (await grid.SearchAsync(force, [gallery], Vectors.Row(vectors, 1))).SearchId!;
        var index = grid.As(force.Reviewer1).GetGrain<ICaseIndexGrain>(ReviewKeys.Index(force.Id));
        Assert.Equal(5, Assert.Single(await index.ListCasesAsync(true)).Undecided);

        await grid.Case(force.Reviewer1, force, searchId).DecideAsync(1, ReviewVerdict.PossibleMatch, "Our own subject.");
        var own = await Assert.ThrowsAsync<ReviewRefusedException>(() =>
            grid.Case(force.Reviewer1, force, searchId).RequestFollowUpAsync(1, new FollowUpRequest("murder", "Our own gallery, no owner to ask.")));
        Assert.Equal(ReviewRefusal.OwnCandidate, own.Reason);
        for (var rank = 2; rank <= 5; rank++)
            await grid.Case(force.Reviewer1, force, searchId).DecideAsync(rank, ReviewVerdict.NoMatch, "Different person.");
        index = grid.As(force.Reviewer1).GetGrain<ICaseIndexGrain>(ReviewKeys.Index(force.Id));
        Assert.Empty(await index.ListCasesAsync(true));
        Assert.Single(await index.ListCasesAsync(false));
        await Assert.ThrowsAsync<GridAccessDeniedException>(() => grid.As(force.Enroller).GetGrain<ICaseIndexGrain>(ReviewKeys.Index(force.Id)).ListCasesAsync(false));

        grid.Clock.Now += ReviewClusterFixture.CaseRetention;
        Assert.Empty(await grid.As(force.Auditor).GetGrain<ICaseIndexGrain>(ReviewKeys.Index(force.Id)).ListCasesAsync(false));
        var gone = await Assert.ThrowsAsync<ReviewRefusedException>(() => grid.Case(force.Reviewer1, force, searchId).GetAsync());
        Assert.Equal(ReviewRefusal.UnknownCase, gone.Reason);
    }

    [Fact]
    public async Task Reference_images_are_checked_and_removal_takes_them_away()
    {
        var force = await grid.CreateForceAsync("FR-RVD", "suspects");
        await grid.EnrolAsync(force, "suspects", "FR", 3, seed: 8104);
        var gallery = new GalleryId("FR-RVD", "suspects");
        var key = ReviewKeys.Subject(gallery, "FR-0001");
        var notImage = await Assert.ThrowsAsync<ReviewRefusedException>(() => grid.As(force.Enroller).GetGrain<ISubjectRecordGrain>(key)
            .SetImageAsync(new CandidateImage(CandidateImage.Png, "GIF89a not a png"u8.ToArray())));
        Assert.Equal(ReviewRefusal.InvalidInput, notImage.Reason);
        var tooBig = await Assert.ThrowsAsync<ReviewRefusedException>(() => grid.As(force.Enroller).GetGrain<ISubjectRecordGrain>(key)
            .SetImageAsync(new CandidateImage(CandidateImage.Jpeg, [.. Jpeg, .. new byte[64 * 1024]])));
        Assert.Equal(ReviewRefusal.InvalidInput, tooBig.Reason);
        await Assert.ThrowsAsync<GridAccessDeniedException>(() => grid.As(force.Reviewer1).GetGrain<ISubjectRecordGrain>(key)
            .SetImageAsync(new CandidateImage(CandidateImage.Jpeg, Jpeg)));
        var badData = await Assert.ThrowsAsync<ReviewRefusedException>(() => grid.As(force.Enroller).GetGrain<ISubjectRecordGrain>(key)
            .SetCoreDataAsync(ReviewClusterFixture.CoreData with { Names = [], Sex = "male" }));
        Assert.Equal(ReviewRefusal.InvalidInput, badData.Reason);
        Assert.Null(await grid.As(force.Reviewer1).GetGrain<ISubjectRecordGrain>(key).GetImageAsync());

        await grid.As(force.Enroller).GetGrain<ISubjectRecordGrain>(key).SetImageAsync(new CandidateImage(CandidateImage.Jpeg, Jpeg));
        await grid.As(force.Enroller).GetGrain<ISubjectRecordGrain>(key).SetCoreDataAsync(ReviewClusterFixture.CoreData);
        Assert.Equal(Jpeg, (await grid.As(force.Reviewer1).GetGrain<ISubjectRecordGrain>(key).GetImageAsync())!.Bytes);
        await Assert.ThrowsAsync<GridAccessDeniedException>(() => grid.As(force.Searcher).GetGrain<ISubjectRecordGrain>(key).GetCoreDataAsync());

        Assert.Equal(1, await grid.As(force.Enroller).GetGrain<IGalleryGrain>(gallery.Key).RemoveAsync("FR-0001"));
        Assert.Null(await grid.As(force.Enroller).GetGrain<ISubjectRecordGrain>(key).GetImageAsync());
        Assert.Null(await grid.As(force.Enroller).GetGrain<ISubjectRecordGrain>(key).GetCoreDataAsync());
    }

    [Fact]
    public async Task Clients_cannot_forge_cases_answers_or_reach_images_and_core_data_around_the_case()
    {
        var force = await grid.CreateForceAsync("BE-RVE", "suspects");
        var other = await grid.CreateForceAsync("LU-RVE");
        var vectors = await grid.EnrolAsync(force, "suspects", "BE", 4, seed: 8105);
        var gallery = new GalleryId("BE-RVE", "suspects");
        var subject = ReviewKeys.Subject(gallery, "BE-0001");
        await grid.As(force.Enroller).GetGrain<ISubjectRecordGrain>(subject).SetCoreDataAsync(ReviewClusterFixture.CoreData);
        var response = await grid.SearchAsync(force, [gallery], Vectors.Row(vectors, 1));
        var searchId = response.SearchId!;
        var existing = await grid.Case(force.Reviewer1, force, searchId).GetAsync();

        // Silo-only entry points refuse a client, even the force's own users.
        var forged = new CaseOpening(searchId, ReviewClusterFixture.Purpose, ReviewClusterFixture.Model, "", [], new([]), []);
        await Assert.ThrowsAsync<GridAccessDeniedException>(() => grid.Case(force.Searcher, force, ReviewKeys.NewSearchId()).OpenAsync(forged));
        var fakeAnswer = FollowUp.FollowUpRules.New(existing, existing.Candidates[0].Candidate, new FollowUpRequest("murder", "Forged answer with core data inside."),
            Samples.User(force.Id, Role.Reviewer), grid.Clock.Now, TimeSpan.FromHours(48)) with
        { CoreData = ReviewClusterFixture.CoreData };
        await Assert.ThrowsAsync<GridAccessDeniedException>(() => grid.Case(force.Reviewer1, force, searchId).ReceiveFollowUpAsync(fakeAnswer));
        await Assert.ThrowsAsync<GridAccessDeniedException>(() => grid.As(other.Reviewer1).GetGrain<ISubjectRecordGrain>(subject).GetImageForCaseAsync(searchId, 1));
        await Assert.ThrowsAsync<GridAccessDeniedException>(() => grid.As(force.Reviewer1).GetGrain<ISubjectRecordGrain>(subject).GetCoreDataForReleaseAsync());
        await Assert.ThrowsAsync<GridAccessDeniedException>(() => grid.As(force.Reviewer1).GetGrain<ICaseIndexGrain>(ReviewKeys.Index(force.Id))
            .UpsertCaseAsync(ReviewRules.Summarise(existing) with { Undecided = 0 }));

        // Another force sees nothing of this force's cases, lists or subject records.
        await Assert.ThrowsAsync<GridAccessDeniedException>(() => grid.Case(other.Reviewer1, force, searchId).GetAsync());
        await Assert.ThrowsAsync<GridAccessDeniedException>(() => grid.As(other.Auditor).GetGrain<ICaseIndexGrain>(ReviewKeys.Index(force.Id)).ListCasesAsync(false));
        await Assert.ThrowsAsync<GridAccessDeniedException>(() => grid.As(other.Reviewer1).GetGrain<ISubjectRecordGrain>(subject).GetCoreDataAsync());
        Assert.Equal(existing.Candidates.Length, (await grid.Case(force.Auditor, force, searchId).GetAsync()).Undecided);
    }
}
