using Grid.Client.Files;
using Grid.Protocol.Audit;
using Grid.Protocol.Galleries;
using Grid.Protocol.Identity;
using Grid.Protocol.Review;
using Grid.Protocol.Search;
using Grid.Protocol.Sharing;

namespace Grid.Client;

/// <summary>
/// A member force's connection to the grid's HTTPS API. Every call carries the configured API key; what the grid lets
/// the caller do follows from that key alone. Failures are <see cref="GridException"/>s with the problem's stable code.
/// Only idempotent reads are retried; nothing that changes the grid is ever sent twice by the client.
/// </summary>
public interface IGridClient
{
    /// <summary>Whom the key stands for.</summary>
    Task<PrincipalView> WhoAmIAsync(CancellationToken cancellationToken = default);

    /// <summary>Creates a gallery (idempotent for the same settings). Force admin.</summary>
    Task<GalleryInfo> CreateGalleryAsync(GalleryId id, GalleryConfig config, CancellationToken cancellationToken = default);

    /// <summary>The gallery's configuration, or null when it does not exist.</summary>
    Task<GalleryInfo?> GetGalleryAsync(GalleryId id, CancellationToken cancellationToken = default);

    /// <summary>The gallery's shards with counts.</summary>
    Task<GalleryStatus> GetGalleryStatusAsync(GalleryId id, CancellationToken cancellationToken = default);

    /// <summary>The galleries the caller may see.</summary>
    Task<GalleryId[]> ListGalleriesAsync(CancellationToken cancellationToken = default);

    /// <summary>Enrols one batch; returns once every row is durable in its shard's log. Enroller.</summary>
    Task<EnrolResult> EnrolAsync(GalleryId id, EnrolBatch batch, CancellationToken cancellationToken = default);

    /// <summary>Enrols every row in batches, each acknowledged before the next is sent; stops at the first failure with a
    /// <see cref="BulkEnrolInterruptedException"/> saying exactly how far it got.</summary>
    Task<EnrolResult> EnrolBulkAsync(GalleryId id, string[] subjectRefs, TemplateSet templates, string modelId,
        int batchSize = GridClient.DefaultBatchSize, int skip = 0, IProgress<int>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>Removes every template of a subject; returns how many (0: not enrolled). Enroller.</summary>
    Task<int> RemoveAsync(GalleryId id, string subjectRef, CancellationToken cancellationToken = default);

    /// <summary>Has every shard of the gallery write a snapshot now. Force admin or operator.</summary>
    Task SnapshotAsync(GalleryId id, CancellationToken cancellationToken = default);

    /// <summary>Moves the gallery's shards to the silos placement now prefers; returns how many moved.</summary>
    Task<int> RebalanceAsync(GalleryId id, CancellationToken cancellationToken = default);

    /// <summary>Moves the gallery to another engine (<c>exact-int8</c>, <c>exact</c>, <c>faiss:FACTORY</c>): each shard builds
    /// the new index while the old one keeps serving, then swaps. Returns once the builds started; follow them with
    /// <see cref="GetGalleryStatusAsync"/> (each shard's <c>Engine</c> and <c>Reindex</c>). Force admin or operator.</summary>
    Task<ReindexResult> ReindexAsync(GalleryId id, string engine, CancellationToken cancellationToken = default);

    /// <summary>Searches with one probe for a stated purpose; the result is a candidate list for human review.</summary>
    Task<TimedSearch> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default);

    /// <summary>Silos (operator only) and the galleries the caller may see, with shards.</summary>
    Task<GridStatus> GetStatusAsync(CancellationToken cancellationToken = default);

    /// <summary>The offence categories a purpose may name.</summary>
    Task<OffenceCategory[]> ListOffencesAsync(CancellationToken cancellationToken = default);

    /// <summary>Creates a member force and its first admin, whose key is returned once. Operator.</summary>
    Task<ApiKeyIssued> CreateForceAsync(string force, string displayName, string adminUser, CancellationToken cancellationToken = default);

    /// <summary>Every member force. Operator.</summary>
    Task<ForceView[]> ListForcesAsync(CancellationToken cancellationToken = default);

    /// <summary>The member forces' ids.</summary>
    Task<string[]> ListMemberIdsAsync(CancellationToken cancellationToken = default);

    /// <summary>Adds a user; the key is returned once. Force admin.</summary>
    Task<ApiKeyIssued> AddUserAsync(string force, string user, Role roles, CancellationToken cancellationToken = default);

    /// <summary>A force's users. Force admin.</summary>
    Task<UserView[]> ListUsersAsync(string force, CancellationToken cancellationToken = default);

    /// <summary>Disables a user's key at once. Force admin.</summary>
    Task DisableUserAsync(string force, string user, CancellationToken cancellationToken = default);

    /// <summary>An agreement (status None when never proposed).</summary>
    Task<AgreementView> GetAgreementAsync(AgreementKey key, CancellationToken cancellationToken = default);

    /// <summary>Proposes terms. Owner's agreement-admin.</summary>
    Task<AgreementView> ProposeAgreementAsync(AgreementKey key, AgreementTerms terms, CancellationToken cancellationToken = default);

    /// <summary>Accepts exactly <paramref name="version"/>. Requester's agreement-admin.</summary>
    Task<AgreementView> AcceptAgreementAsync(AgreementKey key, int version, CancellationToken cancellationToken = default);

    /// <summary>Suspends, resumes or revokes (<paramref name="action"/>: suspend, resume, revoke). Owner's agreement-admin.</summary>
    Task<AgreementView> ChangeAgreementAsync(AgreementKey key, AgreementAction action, CancellationToken cancellationToken = default);

    /// <summary>Every agreement the force is party to.</summary>
    Task<AgreementView[]> ListAgreementsAsync(string force, CancellationToken cancellationToken = default);

    /// <summary>The force's audit entries (optionally since a time) with hashes and anchor. Auditor.</summary>
    Task<AuditExport> GetAuditAsync(string force, DateTimeOffset? since = null, CancellationToken cancellationToken = default);

    /// <summary>Recomputes the force's hash chain in the grid. Auditor.</summary>
    Task<AuditVerification> VerifyAuditAsync(string force, CancellationToken cancellationToken = default);

    /// <summary>Recomputes the chain and cross-checks the heads partner forces anchored. Auditor.</summary>
    Task<AuditPartnerVerification> VerifyAuditWithPartnersAsync(string force, CancellationToken cancellationToken = default);

    /// <summary>Counts per partner. Auditor.</summary>
    Task<StatsView> GetStatsAsync(string force, CancellationToken cancellationToken = default);

    // ---- review cases (the requester's side of a search)

    /// <summary>The force's review cases, newest first; <paramref name="undecidedOnly"/>: the review queue (cases with a
    /// candidate still waiting for a reviewer). Reviewer, searcher or auditor of <paramref name="force"/>.</summary>
    Task<CaseSummary[]> ListCasesAsync(string force, bool undecidedOnly = false, CancellationToken cancellationToken = default);

    /// <summary>One case: purpose, candidates with scores and FMR, coverage, refusals, decisions (in four-eyes mode, others'
    /// decisions on a candidate only after the caller recorded one), follow-ups. The probe is not in it: it stays at the
    /// requester's site; <see cref="ReviewCase.ProbeFingerprint"/> ties it to the case.</summary>
    /// <exception cref="GridException">Code <c>case-not-found</c> when there is no such case.</exception>
    Task<ReviewCase> GetCaseAsync(string force, string searchId, CancellationToken cancellationToken = default);

    /// <summary>Records the caller's decision on the candidate of rank <paramref name="rank"/>. Reviewer of the case's force.
    /// Refusals: <c>not-a-reviewer</c>, <c>already-decided-by-you</c>, <c>already-decided</c>, <c>candidate-not-found</c>.</summary>
    Task<ReviewCase> DecideAsync(string force, string searchId, int rank, ReviewVerdict verdict, string note, CancellationToken cancellationToken = default);

    /// <summary>The owner's reference image of a candidate, fetched through the case; only while the owner's agreement
    /// shares images (checked when fetched). Refusals: <c>images-not-shared</c>, <c>no-image</c>.</summary>
    Task<GridImage> GetCandidateImageAsync(string force, string searchId, int rank, CancellationToken cancellationToken = default);

    // ---- follow-up (core data after a confirmed match, Prüm II Art 47)

    /// <summary>Asks the candidate's owner for core data; the candidate must be a confirmed possible match.
    /// Refusals: <c>not-confirmed</c>, <c>own-candidate</c>, <c>follow-up-exists</c>, <c>agreement-not-active</c>.</summary>
    Task<FollowUpView> RequestFollowUpAsync(string force, string searchId, int rank, FollowUpRequest request, CancellationToken cancellationToken = default);

    /// <summary>Follow-ups the force asked (<paramref name="incoming"/> false) or was asked (true), newest first, with the
    /// deadline and overdue flag; never core data (read that in the case).</summary>
    Task<FollowUpView[]> ListFollowUpsAsync(string force, bool incoming, CancellationToken cancellationToken = default);

    /// <summary>One follow-up by its id (<c>OWNER/REQUESTER.searchId.rank</c>). Either force's reviewers.</summary>
    Task<FollowUpView> GetFollowUpAsync(string followUpId, CancellationToken cancellationToken = default);

    /// <summary>Releases the subject's core data to the requesting case. Owner's reviewer; refusals:
    /// <c>not-owner-reviewer</c>, <c>agreement-not-active</c>, <c>no-core-data</c>, <c>already-answered</c>.</summary>
    Task<FollowUpView> ReleaseFollowUpAsync(string followUpId, CancellationToken cancellationToken = default);

    /// <summary>Declines with a reason. Owner's reviewer.</summary>
    Task<FollowUpView> DeclineFollowUpAsync(string followUpId, string reason, CancellationToken cancellationToken = default);

    /// <summary>Moves the deadline to <paramref name="until"/> while a judicial authorisation is sought. Owner's reviewer.</summary>
    Task<FollowUpView> ExtendFollowUpAsync(string followUpId, string authorisation, DateTimeOffset until, CancellationToken cancellationToken = default);

    // ---- subject records (the owner's side: never searched, never indexed)

    /// <summary>Sets a subject's core data in the owner's storage. Enroller of the gallery's force.</summary>
    Task SetCoreDataAsync(GalleryId gallery, string subjectRef, SubjectCoreData coreData, CancellationToken cancellationToken = default);

    /// <summary>A subject's core data, or null when none was entered. Enroller or reviewer of the gallery's force.</summary>
    Task<SubjectCoreData?> GetCoreDataAsync(GalleryId gallery, string subjectRef, CancellationToken cancellationToken = default);

    /// <summary>Attaches a reference face image (JPEG or PNG, checked by its first bytes, size-capped) to an enrolled
    /// subject. Enroller. A non-image gets <c>not-an-image</c> and nothing is stored.</summary>
    Task SetSubjectImageAsync(GalleryId gallery, string subjectRef, ReadOnlyMemory<byte> image, CancellationToken cancellationToken = default);

    /// <summary>A subject's reference image, or null when none. Enroller or reviewer of the gallery's force.</summary>
    Task<GridImage?> GetSubjectImageAsync(GalleryId gallery, string subjectRef, CancellationToken cancellationToken = default);
}
