namespace Grid.Protocol.Audit;

/// <summary>What an audit entry records.</summary>
public enum AuditKind
{
    /// <summary>This force searched (one entry per owner force asked).</summary>
    OutgoingSearch = 1,
    /// <summary>A force searched this force's galleries.</summary>
    IncomingSearch = 2,
    /// <summary>Templates enrolled.</summary>
    Enrolment = 3,
    /// <summary>A subject removed.</summary>
    Removal = 4,
    /// <summary>An agreement changed.</summary>
    AgreementChange = 5,
    /// <summary>A refused call.</summary>
    Refusal = 6,
    /// <summary>Users and keys created or disabled.</summary>
    IdentityChange = 7,
    /// <summary>The log itself: its keyed chain begins, or security state failed its seal.</summary>
    Integrity = 8,
    /// <summary>A reviewer's decision on a candidate (at the requester; at the owner too for a partner's candidate).</summary>
    ReviewDecision = 9,
    /// <summary>A candidate's required reviewers all said possible match (both ends).</summary>
    MatchConfirmed = 10,
    /// <summary>Core data asked for after a confirmed match (both ends).</summary>
    FollowUpRequested = 11,
    /// <summary>Core data released to the requesting case (both ends).</summary>
    FollowUpReleased = 12,
    /// <summary>A follow-up declined (both ends).</summary>
    FollowUpDeclined = 13,
    /// <summary>A follow-up's deadline moved for a judicial authorisation (both ends).</summary>
    FollowUpExtended = 14,
    /// <summary>A candidate's reference image went to the requester's case (both ends).</summary>
    CandidateImage = 15,
    /// <summary>What a search this force made found at one owner (galleries answered, candidates received); follows its OutgoingSearch entry.</summary>
    OutgoingSearchOutcome = 16,
    /// <summary>What a partner's search found here (galleries answered, candidates returned); follows its IncomingSearch entry.</summary>
    IncomingSearchOutcome = 17,
}
