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
    /// <summary>A reviewer's decision on a candidate (at the requester; at the owner too for a partner's candidate).</summary>
    ReviewDecision = 8,
    /// <summary>A candidate's required reviewers all said possible match (both ends).</summary>
    MatchConfirmed = 9,
    FollowUpRequested = 10,
    FollowUpReleased = 11,
    FollowUpDeclined = 12,
    /// <summary>The owner moved a follow-up's deadline for a judicial authorisation.</summary>
    FollowUpExtended = 13,
    /// <summary>A candidate's reference image went to the requester's case (both ends).</summary>
    CandidateImage = 14,
}
