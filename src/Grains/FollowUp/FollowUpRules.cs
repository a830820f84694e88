using Grid.Contracts.Identity;
using Grid.Contracts.Review;
using Grid.Contracts.Search;
using Grid.Contracts.Sharing;
using Grid.Grains.Review;

namespace Grid.Grains.FollowUp;

/// <summary>
/// A follow-up's rules, without side effects: the 48-hour clock, who answers (only the owner's reviewers), that a
/// release needs an active agreement and recorded core data, and that an answer is final.
/// </summary>
public static class FollowUpRules
{
    public const int MinReasonLength = 10;
    public const int MaxReasonLength = 500;

    public static FollowUpView New(
        ReviewCase current, Candidate candidate, FollowUpRequest request, Principal asker, DateTimeOffset now, TimeSpan deadline)
    {
        var owner = candidate.Force;
        return new FollowUpView(
            ReviewKeys.FollowUp(owner, current.Force, current.SearchId, candidate.Rank), owner, current.Force, current.SearchId,
            candidate.Rank, new Contracts.Galleries.GalleryId(candidate.Force, candidate.Gallery), candidate.SubjectRef,
            request with { Facts = request.Facts.Trim() }, asker.ToString(), now, now + deadline, FollowUpStatus.Requested,
            null, null, null, null, null, null, false, current.Purpose.CaseReference);
    }

    /// <summary>The view with its overdue flag as of <paramref name="now"/>: unanswered past its (possibly extended) deadline.</summary>
    public static FollowUpView AsOf(FollowUpView followUp, DateTimeOffset now) =>
        followUp with { Overdue = followUp.Status == FollowUpStatus.Requested && now > followUp.DueAt };

    /// <summary>Reviewers and auditors of either force; the requester's searchers too (they asked).</summary>
    public static bool MayRead(FollowUpView followUp, Principal reader) =>
        (reader.Force == followUp.Owner || reader.Force == followUp.Requester) &&
        (reader.Has(Role.Reviewer) || reader.Has(Role.Auditor) || (reader.Force == followUp.Requester && reader.Has(Role.Searcher)));

    public static ReviewStep<FollowUpView> Release(
        FollowUpView current, Principal releaser, AgreementStatus agreement, bool coreDataRecorded, DateTimeOffset now) =>
        Answerable(current, releaser, "release core data") ??
        (agreement != AgreementStatus.Active
            ? ReviewStep<FollowUpView>.Refuse(ReviewRefusal.AgreementNotActive,
                $"The agreement {current.Owner}->{current.Requester} is {agreement}: no core data may be released under it.")
            : !coreDataRecorded
                ? ReviewStep<FollowUpView>.Refuse(ReviewRefusal.NoCoreData,
                    $"No core data is recorded for {current.SubjectRef} in {current.Gallery}: enter it first, or decline.")
                : ReviewStep<FollowUpView>.To(current with { Status = FollowUpStatus.Released, AnsweredBy = releaser.ToString(), AnsweredAt = now }));

    public static ReviewStep<FollowUpView> Decline(FollowUpView current, Principal decliner, string? reason, DateTimeOffset now)
    {
        var text = reason?.Trim() ?? "";
        return Answerable(current, decliner, "decline it") ??
            (!IsReason(text)
                ? ReviewStep<FollowUpView>.Refuse(ReviewRefusal.InvalidInput,
                    $"A decline states its reason in {MinReasonLength}-{MaxReasonLength} printable characters.")
                : ReviewStep<FollowUpView>.To(current with
                {
                    Status = FollowUpStatus.Declined,
                    AnsweredBy = decliner.ToString(),
                    AnsweredAt = now,
                    DeclineReason = text,
                }));
    }

    /// <summary>Moves the deadline while a judicial authorisation is sought; the authorisation's reference is recorded.</summary>
    public static ReviewStep<FollowUpView> Extend(FollowUpView current, Principal extender, string? authorisation, DateTimeOffset until, DateTimeOffset now)
    {
        var text = authorisation?.Trim() ?? "";
        return Answerable(current, extender, "extend it") ??
            (!IsReason(text)
                ? ReviewStep<FollowUpView>.Refuse(ReviewRefusal.InvalidInput,
                    $"An extension names the judicial authorisation sought in {MinReasonLength}-{MaxReasonLength} printable characters.")
                : until <= current.DueAt || until <= now
                    ? ReviewStep<FollowUpView>.Refuse(ReviewRefusal.InvalidInput,
                        $"An extension moves the deadline later than {current.DueAt:u} and into the future.")
                    : ReviewStep<FollowUpView>.To(current with { DueAt = until, Extension = $"{text} (by {extender}, {now:u})" }));
    }

    /// <summary>Null when <paramref name="actor"/> may answer now; otherwise the refusal.</summary>
    private static ReviewStep<FollowUpView>? Answerable(FollowUpView current, Principal actor, string what) =>
        !actor.Acts(current.Owner, Role.Reviewer)
            ? ReviewStep<FollowUpView>.Deny($"{actor} may not {what}: only a reviewer of {current.Owner}, the owner, answers follow-up {current.Id}.")
            : current.Status != FollowUpStatus.Requested
                ? ReviewStep<FollowUpView>.Refuse(ReviewRefusal.AlreadyAnswered, $"Follow-up {current.Id} was already {current.Status}.")
                : null;

    private static bool IsReason(string text) => text.Length is >= MinReasonLength and <= MaxReasonLength && !text.Any(char.IsControl);
}
