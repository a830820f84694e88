using System.Collections.Immutable;
using Grid.Contracts.Sharing;
using CR = Grid.Contracts.Review;
using PR = Grid.Protocol.Review;
using PS = Grid.Protocol.Search;

namespace Grid.Api.Mapping;

/// <summary>Review cases, follow-ups and subject records between the grain contracts and the wire (see <see cref="Wire"/>).</summary>
public static class ReviewWire
{
    // ---- to the grains
    public static CR.FollowUpRequest ToContract(PR.FollowUpRequest r) => new(r.Offence ?? "", r.Facts ?? "");

    public static CR.SubjectCoreData ToContract(PR.SubjectCoreData d) => new(
        [.. d.Names ?? []], [.. d.Aliases ?? []], d.DateOfBirth, d.Nationality ?? "", d.Sex ?? "", d.CapturedOn,
        d.CapturedAt ?? "", d.Offence ?? "", d.CaseNumber ?? "", d.Authority ?? "");

    public static CR.ReviewVerdict ToContract(PR.ReviewVerdict v) => (CR.ReviewVerdict)(int)v;

    // ---- to the wire
    public static PR.ReviewCase ToWire(CR.ReviewCase c) => new(
        c.SearchId, c.Force.Value, c.SearchedBy,
        new PS.SearchPurpose(c.Purpose.Offence, c.Purpose.CaseReference, (Grid.Protocol.Galleries.SubjectCategory)c.Purpose.Subject, c.Purpose.Justification),
        c.ModelId, c.ProbeFingerprint, c.CreatedAt,
        new PS.Coverage(c.Coverage.Shards.Select(s => new PS.ShardReport(s.Shard, (PS.ShardOutcome)s.Outcome, s.Error)).ToArray()),
        Each(c.Refusals, x => new PS.SearchRefusal(Wire.ToWire(x.Gallery), x.Reason.Code(), x.Message)),
        Each(c.Candidates, ToWire));

    public static PR.CaseCandidate ToWire(CR.CaseCandidate c) => new(
        new PS.Candidate(c.Candidate.Force.Value, c.Candidate.Gallery, c.Candidate.SubjectRef, c.Candidate.Score, c.Candidate.Rank, c.Candidate.FalseMatchRate),
        c.RequiredReviewers, c.ImagesShared,
        Each(c.Decisions, d => new PR.ReviewDecision(d.Reviewer, (PR.ReviewVerdict)(int)d.Verdict, d.Note, d.At)),
        c.DecisionsRecorded, (PR.ReviewOutcome)(int)c.Outcome, c.FollowUp is null ? null : ToWire(c.FollowUp));

    public static PR.CaseSummary ToWire(CR.CaseSummary s) => new(
        s.SearchId, s.CaseReference, s.Offence, s.CreatedAt, s.Candidates, s.Undecided, s.FollowUpsPending, s.ReleasedDataSince);

    public static PR.FollowUpView ToWire(CR.FollowUpView f) => new(
        f.Id, f.Owner.Value, f.Requester.Value, f.SearchId, f.Rank, Wire.ToWire(f.Gallery), f.SubjectRef,
        new PR.FollowUpRequest(f.Request.Offence, f.Request.Facts), f.RequestedBy, f.RequestedAt, f.DueAt,
        (PR.FollowUpStatus)(int)f.Status, f.Extension, f.AnsweredBy, f.AnsweredAt, f.DeclineReason,
        f.CoreData is null ? null : ToWire(f.CoreData), f.CoreDataRemovedAt, f.Overdue, f.CaseReference);

    public static PR.SubjectCoreData ToWire(CR.SubjectCoreData d) => new(
        d.Names.IsDefault ? [] : [.. d.Names], d.Aliases.IsDefault ? [] : [.. d.Aliases], d.DateOfBirth, d.Nationality, d.Sex,
        d.CapturedOn, d.CapturedAt, d.Offence, d.CaseNumber, d.Authority);

    private static TOut[] Each<TIn, TOut>(ImmutableArray<TIn> items, Func<TIn, TOut> map) => items.IsDefault ? [] : items.Select(map).ToArray();
}
