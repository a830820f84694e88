namespace Grid.Contracts.Audit;

public enum AuditKind
{
    /// <summary>This force searched (requester side); one entry per owner force asked.</summary>
    OutgoingSearch = 1,
    /// <summary>A force searched this force's galleries (owner side).</summary>
    IncomingSearch = 2,
    Enrolment = 3,
    Removal = 4,
    AgreementChange = 5,
    /// <summary>A refused call: bad key, no agreement, purpose not covered, quota exhausted...</summary>
    Refusal = 6,
    /// <summary>Users and keys created or disabled.</summary>
    IdentityChange = 7,
    /// <summary>The log itself: its keyed chain begins (migration), or security state failed its seal.</summary>
    Integrity = 8,
    /// <summary>A reviewer's decision on a candidate (at the requester; at the owner too for a partner's candidate).</summary>
    ReviewDecision = 9,
    /// <summary>A candidate's required reviewers all said possible match (both ends).</summary>
    MatchConfirmed = 10,
    FollowUpRequested = 11,
    FollowUpReleased = 12,
    FollowUpDeclined = 13,
    /// <summary>The owner moved a follow-up's deadline for a judicial authorisation.</summary>
    FollowUpExtended = 14,
    /// <summary>A candidate's reference image went to the requester's case (both ends).</summary>
    CandidateImage = 15,
    /// <summary>What a search this force made found at one owner: galleries that answered, candidates received. Written
    /// with the log's next group commit after the reply (the <see cref="OutgoingSearch"/> entry is durable before it).</summary>
    OutgoingSearchOutcome = 16,
    /// <summary>What a partner's search of this force's galleries found: galleries that answered, candidates returned
    /// (after the <see cref="IncomingSearch"/> entry, like <see cref="OutgoingSearchOutcome"/>).</summary>
    IncomingSearchOutcome = 17,
}
