using System.Collections.Immutable;
using Grid.Contracts.Identity;
using Grid.Contracts.Review;
using Grid.Grains.FollowUp;

namespace Grid.Grains.Review;

/// <summary>
/// The review case's rules, without side effects: who may read and decide, four-eyes (distinct reviewers, decisions
/// hidden from a reviewer until they have recorded their own), when a candidate is confirmed, when a follow-up may
/// be asked, and retention. The grain supplies the clock and the agreement terms and keeps what comes back.
/// </summary>
public static class ReviewRules
{
    /// <summary>Roles that may read a force's cases: its reviewers, searchers (their own searches' results) and auditors.</summary>
    public const Role Readers = Role.Reviewer | Role.Searcher | Role.Auditor;

    public static ReviewCase Open(
        ForceId force, Principal searcher, CaseOpening opening, Func<ForceId, (int Reviewers, bool Images)> termsOf, DateTimeOffset now) =>
        new(opening.SearchId, force, searcher.ToString(), opening.Purpose, opening.ModelId, opening.ProbeFingerprint, now,
            opening.Coverage, [.. opening.Refusals],
            [.. opening.Candidates.Select(c =>
            {
                // The requester's own galleries: one reviewer, and its own images.
                var (reviewers, images) = c.Force == force ? (1, true) : termsOf(c.Force);
                return new CaseCandidate(c, Math.Clamp(reviewers, 1, 2), images, [], 0, ReviewOutcome.Undecided, null);
            })]);

    public static bool MayRead(Principal principal, ForceId force) => principal.Force == force && (principal.Roles & Readers) != 0;

    public static ReviewStep<ReviewCase> Decide(
        ReviewCase current, Principal reviewer, int rank, ReviewVerdict verdict, string? note, DateTimeOffset now)
    {
        if (!reviewer.Acts(current.Force, Role.Reviewer))
            return ReviewStep<ReviewCase>.Deny($"{reviewer} is not a reviewer of {current.Force}: only its reviewers decide on its cases.");
        if (!Enum.IsDefined(verdict))
            return ReviewStep<ReviewCase>.Refuse(ReviewRefusal.InvalidInput, "The decision is possible-match, no-match or inconclusive.");
        var text = note?.Trim() ?? "";
        if (text.Length is 0 or > ReviewDecision.MaxNoteLength || text.Any(c => char.IsControl(c) && c is not '\n' and not '\r'))
            return ReviewStep<ReviewCase>.Refuse(ReviewRefusal.InvalidInput,
                $"A decision needs a note of 1-{ReviewDecision.MaxNoteLength} printable characters saying why.");
        var index = IndexOf(current, rank);
        if (index < 0)
            return ReviewStep<ReviewCase>.Refuse(ReviewRefusal.UnknownCandidate, $"Case {current.SearchId} has no candidate of rank {rank}.");

        var candidate = current.Candidates[index];
        var decisions = candidate.Decisions.IsDefault ? [] : candidate.Decisions;
        if (decisions.Any(d => d.Reviewer == reviewer.ToString()))
            return ReviewStep<ReviewCase>.Refuse(ReviewRefusal.AlreadyDecidedByYou,
                $"{reviewer} already decided on candidate {rank}; the agreement needs {candidate.RequiredReviewers} different reviewers.");
        if (decisions.Length >= candidate.RequiredReviewers)
            return ReviewStep<ReviewCase>.Refuse(ReviewRefusal.AlreadyDecided,
                $"Candidate {rank} already has the {candidate.RequiredReviewers} decision(s) its agreement requires.");

        var next = decisions.Add(new ReviewDecision(reviewer.ToString(), verdict, text, now));
        var decided = candidate with { Decisions = next, DecisionsRecorded = next.Length, Outcome = OutcomeOf(next, candidate.RequiredReviewers) };
        return ReviewStep<ReviewCase>.To(current with { Candidates = current.Candidates.SetItem(index, decided) });
    }

    /// <summary>Undecided until every required reviewer spoke; then their common verdict, or disputed if they differ.</summary>
    public static ReviewOutcome OutcomeOf(ImmutableArray<ReviewDecision> decisions, int required) =>
        decisions.Length < required ? ReviewOutcome.Undecided
        : decisions.All(d => d.Verdict == decisions[0].Verdict) ? (ReviewOutcome)(int)decisions[0].Verdict
        : ReviewOutcome.Disputed;

    /// <summary>
    /// The case as <paramref name="viewer"/> may see it. While a four-eyes candidate still waits for decisions, a viewer
    /// who has not decided on it sees how many decisions there are but not what they say, so the second reviewer's
    /// judgement is independent of the first's. Follow-ups carry the overdue flag as of <paramref name="now"/>.
    /// </summary>
    public static ReviewCase ViewFor(ReviewCase current, Principal viewer, DateTimeOffset now) => current with
    {
        Candidates = [.. current.Candidates.Select(c =>
        {
            var decisions = c.Decisions.IsDefault ? [] : c.Decisions;
            var hidden = c.RequiredReviewers > 1 && decisions.Length < c.RequiredReviewers && decisions.All(d => d.Reviewer != viewer.ToString());
            return c with
            {
                Decisions = hidden ? [] : decisions,
                DecisionsRecorded = decisions.Length,
                FollowUp = c.FollowUp is null ? null : FollowUpRules.AsOf(c.FollowUp, now),
            };
        })],
    };

    /// <summary>May <paramref name="asker"/> ask the owner of candidate <paramref name="rank"/> for core data now?</summary>
    public static ReviewStep<CaseCandidate> CheckFollowUp(ReviewCase current, Principal asker, int rank, FollowUpRequest? request)
    {
        if (!asker.Acts(current.Force, Role.Reviewer) && !asker.Acts(current.Force, Role.Searcher))
            return ReviewStep<CaseCandidate>.Deny($"{asker} is not a reviewer or searcher of {current.Force}.");
        var problems = request?.Validate() ?? ["A follow-up states the offence and the facts."];
        if (problems.Count > 0)
            return ReviewStep<CaseCandidate>.Refuse(ReviewRefusal.InvalidInput, string.Join(" ", problems));
        var index = IndexOf(current, rank);
        if (index < 0)
            return ReviewStep<CaseCandidate>.Refuse(ReviewRefusal.UnknownCandidate, $"Case {current.SearchId} has no candidate of rank {rank}.");
        var candidate = current.Candidates[index];
        return candidate.Candidate.Force == current.Force
                ? ReviewStep<CaseCandidate>.Refuse(ReviewRefusal.OwnCandidate, $"Candidate {rank} is in {current.Force}'s own gallery: read its core data there.")
            : candidate.Outcome != ReviewOutcome.PossibleMatch
                ? ReviewStep<CaseCandidate>.Refuse(ReviewRefusal.NotConfirmed,
                    $"Candidate {rank} is {candidate.Outcome}: a follow-up needs a possible match confirmed by {candidate.RequiredReviewers} reviewer(s) (Prüm II Art 20(2), 47).")
            : candidate.FollowUp is not null
                ? ReviewStep<CaseCandidate>.Refuse(ReviewRefusal.FollowUpExists, $"Candidate {rank} already has follow-up {candidate.FollowUp.Id}.")
            : ReviewStep<CaseCandidate>.To(candidate);
    }

    /// <summary>Takes the owner's news about a follow-up of this case: only for the follow-up the case asked, only from its owner.</summary>
    public static ReviewStep<ReviewCase> Receive(ReviewCase current, Principal? sender, FollowUpView update)
    {
        var index = IndexOf(current, update.Rank);
        var asked = index < 0 ? null : current.Candidates[index].FollowUp;
        if (asked is null || asked.Id != update.Id || update.SearchId != current.SearchId || update.Requester != current.Force)
            return ReviewStep<ReviewCase>.Refuse(ReviewRefusal.UnknownCandidate, $"Case {current.SearchId} asked no follow-up {update.Id}.");
        if (sender?.Force != asked.Owner || update.Owner != asked.Owner)
            return ReviewStep<ReviewCase>.Deny($"Only {asked.Owner}, the owner, answers follow-up {update.Id}.");
        var candidate = current.Candidates[index];
        return ReviewStep<ReviewCase>.To(current with { Candidates = current.Candidates.SetItem(index, candidate with { FollowUp = update with { Overdue = false } }) });
    }

    public static ReviewCase WithFollowUp(ReviewCase current, int rank, FollowUpView followUp)
    {
        var index = IndexOf(current, rank);
        return current with { Candidates = current.Candidates.SetItem(index, current.Candidates[index] with { FollowUp = followUp with { Overdue = false } }) };
    }

    /// <summary>True once the whole case is past retention and must be deleted.</summary>
    public static bool Expired(ReviewCase current, DateTimeOffset now, ReviewOptions options) => now >= current.CreatedAt + options.CaseRetention;

    /// <summary>Removes released core data older than its retention; returns the same instance when nothing is due.</summary>
    public static ReviewCase ApplyRetention(ReviewCase current, DateTimeOffset now, ReviewOptions options)
    {
        var due = current.Candidates.Select((c, i) => (c, i))
            .Where(x => x.c.FollowUp is { CoreData: not null, AnsweredAt: { } at } && now >= at + options.ReleasedDataRetention).ToArray();
        if (due.Length == 0) return current;
        var candidates = current.Candidates;
        foreach (var (c, i) in due)
            candidates = candidates.SetItem(i, c with { FollowUp = c.FollowUp! with { CoreData = null, CoreDataRemovedAt = now } });
        return current with { Candidates = candidates };
    }

    public static CaseSummary Summarise(ReviewCase current) => new(
        current.SearchId, current.Purpose.CaseReference, current.Purpose.Offence, current.CreatedAt, current.Candidates.Length,
        current.Undecided, current.Candidates.Count(c => c.FollowUp?.Status == FollowUpStatus.Requested),
        current.Candidates.Where(c => c.FollowUp?.CoreData is not null).Select(c => c.FollowUp!.AnsweredAt).Min());

    private static int IndexOf(ReviewCase current, int rank)
    {
        for (var i = 0; i < current.Candidates.Length; i++)
            if (current.Candidates[i].Rank == rank) return i;
        return -1;
    }
}
