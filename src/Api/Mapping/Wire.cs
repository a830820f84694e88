using System.Collections.Immutable;
using Grid.Contracts.Sharing;
using CA = Grid.Contracts.Audit;
using CG = Grid.Contracts.Galleries;
using CH = Grid.Contracts.Sharing;
using CI = Grid.Contracts.Identity;
using CS = Grid.Contracts.Search;
using PA = Grid.Protocol.Audit;
using PG = Grid.Protocol.Galleries;
using PH = Grid.Protocol.Sharing;
using PI = Grid.Protocol.Identity;
using PS = Grid.Protocol.Search;

namespace Grid.Api.Mapping;

/// <summary>Between the grain contracts (Orleans records) and the wire records (JSON): a plain, total mapping, so the
/// two can evolve apart — the contracts never reach a member force, the wire never reaches a grain.</summary>
public static class Wire
{
    // ---- to the grains
    public static CG.GalleryId ToContract(PG.GalleryId id)
    {
        var gallery = new CG.GalleryId(id.Force, id.Name);
        gallery.Validate();
        return gallery;
    }

    public static CG.GalleryId Gallery(string force, string name) => ToContract(new PG.GalleryId(force, name));

    public static CI.ForceId Force(string force) => CI.ForceId.Parse(force);

    public static CG.GalleryConfig ToContract(PG.GalleryConfig c) => new(c.Engine, c.ShardCount, c.ModelId, (CH.SubjectCategory)c.Category);

    public static CH.SearchPurpose ToContract(PS.SearchPurpose p) => new(p.Offence ?? "", p.CaseReference ?? "", (CH.SubjectCategory)p.Subject, p.Justification ?? "");

    public static CS.SearchRequest ToContract(PS.SearchRequest r) => new(
        (r.Galleries ?? []).Select(ToContract).ToArray(), r.Probe, r.ModelId, r.K, r.MinScore,
        TimeSpan.FromMilliseconds(r.DeadlineMs), ToContract(r.Purpose), r.Partners?.Select(CI.ForceId.Parse).ToArray());

    public static CH.AgreementTerms ToContract(PH.AgreementTerms t) => new(
        (t.Galleries ?? []).Select(ToContract).ToImmutableArray(), (t.Offences ?? []).ToImmutableArray(),
        t.MaxCandidates, t.MinScore, t.DailyQuota, t.ValidFrom, t.ValidUntil, t.RequiredReviewers, t.ShareImages);

    public static CI.Role ToContract(string[] roles) => (CI.Role)(int)PI.RoleNames.Parse(roles ?? []);

    // ---- to the wire
    public static PG.GalleryId ToWire(CG.GalleryId id) => new(id.Force.Value, id.Name);

    public static PG.GalleryConfig ToWire(CG.GalleryConfig c) => new(c.Engine, c.ShardCount, c.ModelId, (PG.SubjectCategory)c.Category);

    public static PG.GalleryInfo ToWire(CG.GalleryInfo i) => new(ToWire(i.Id), ToWire(i.Config), i.CreatedAt);

    public static PG.ShardStatus ToWire(CG.ShardStatus s) => new(s.Key, s.Templates, s.Subjects, s.MemoryBytes, s.Silo, s.Note, s.Engine,
        s.Reindex is { } r ? new PG.ShardReindexStatus(r.Target, r.Done, r.Total, r.Running, r.Error) : null);

    public static PG.GalleryStatus ToWire(CG.GalleryStatus s) => new(ToWire(s.Info), s.Shards.Select(ToWire).ToArray(),
        s.Reindex is { } r ? new PG.GalleryReindex(r.From, r.To, r.RequestedBy, r.StartedAt) : null);

    public static PG.ReindexResult ToWire(CG.ReindexResult r) => new(ToWire(r.Gallery), r.From, r.To, r.ShardsStarted, r.Message);

    public static PG.EnrolResult ToWire(CG.EnrolResult r) => new(r.Added, r.AlreadyPresent);

    public static PS.SearchResponse ToWire(CS.SearchResponse r) => new(
        r.Candidates.Select(c => new PS.Candidate(c.Force.Value, c.Gallery, c.SubjectRef, c.Score, c.Rank, c.FalseMatchRate)).ToArray(),
        new PS.Coverage(r.Coverage.Shards.Select(s => new PS.ShardReport(s.Shard, (PS.ShardOutcome)s.Outcome, s.Error)).ToArray()),
        r.Refusals.Select(x => new PS.SearchRefusal(ToWire(x.Gallery), x.Reason.Code(), x.Message)).ToArray(), r.SearchId);

    public static PI.PrincipalView ToWire(CI.Principal p) => new(p.Force?.Value, p.User, PI.RoleNames.ToNames((PI.Role)(int)p.Roles), p.IsOperator);

    public static PI.ApiKeyIssued ToWire(CI.ApiKeyIssued k) => new(k.KeyId, k.Key, ToWire(k.Principal));

    public static PI.ForceView ToWire(CI.ForceView f) => new(f.Force.Value, f.DisplayName, f.Disabled, f.Created, f.UserCount);

    public static PI.UserView ToWire(CI.UserView u) => new(u.User, PI.RoleNames.ToNames((PI.Role)(int)u.Roles), u.KeyId, u.Disabled, u.Created);

    public static PH.AgreementTerms ToWire(CH.AgreementTerms t) => new(
        t.Galleries.IsDefault ? [] : t.Galleries.Select(ToWire).ToArray(), t.Offences.IsDefault ? [] : [.. t.Offences],
        t.MaxCandidates, t.MinScore, t.DailyQuota, t.ValidFrom, t.ValidUntil, t.ReviewersNeeded, t.ShareImages);

    public static PH.AgreementView ToWire(CH.AgreementView v) => new(
        v.Key.ToString(), v.Version, (PH.AgreementStatus)v.Status, v.Terms is null ? null : ToWire(v.Terms),
        v.History.IsDefault ? [] : v.History.Select(h => new PH.AgreementChange(h.Version, h.At, (PH.AgreementAction)h.Action, h.Actor.ToString(),
            (PH.AgreementStatus)h.Status, ToWire(h.Terms))).ToArray());

    public static PA.AuditEntry ToWire(CA.AuditEntry e) => new(
        e.Seq, e.Time, (PA.AuditKind)e.Kind, e.Actor, e.Force.Value, e.Partner?.Value, e.Offence, e.CaseReference,
        e.GalleriesAsked.IsDefault ? [] : e.GalleriesAsked.Select(ToWire).ToArray(),
        e.GalleriesAnswered.IsDefault ? [] : e.GalleriesAnswered.Select(ToWire).ToArray(),
        e.CandidateCount, e.Detail, e.PrevHash, e.Hash);

    public static PA.AuditExport ToWire(CA.AuditExport x, DateTimeOffset? since) => new(
        x.Force.Value, x.AnchorSeq, x.AnchorHash,
        (x.Entries.IsDefault ? [] : x.Entries).Where(e => since is not { } from || e.Time >= from).Select(ToWire).ToArray());

    public static PA.AuditVerification ToWire(CA.AuditVerification v) => new(v.Intact, v.Entries, v.FirstBadSeq, v.Problem, v.HeadHash);

    public static PA.AuditPartnerVerification ToWire(CA.AuditPartnerVerification v) => new(
        ToWire(v.Local), v.AnchorsChecked,
        v.Findings.IsDefault ? [] : v.Findings.Select(f => new PA.AuditAnchorFinding(f.Log.Value, f.AnchoredBy.Value, f.Seq, f.Problem)).ToArray(),
        v.Intact);

    public static PA.StatsView ToWire(CA.StatsView s) => new(
        s.Force.Value, s.Partners.IsDefault ? [] : s.Partners.Select(p => new PA.PartnerStats(p.Partner.Value, p.SearchesMade, p.SearchesReceived,
            p.CandidatesReceived, p.CandidatesReturned, p.Refusals, p.ConfirmedMatches, p.FollowUpsRequested, p.FollowUpsReleased,
            p.FollowUpsDeclined)).ToArray());

    public static PH.OffenceCategory ToWire(CH.OffenceCategory o) => new(o.Code, o.Title, o.MeetsOneYearThreshold, o.IsHumanitarian, o.EligibleForCrossBorder);
}
