namespace Grid.Contracts.Sharing;

/// <summary>Where an agreement is in its lifecycle. Only <see cref="Active"/> lets searches through.</summary>
public enum AgreementStatus
{
    /// <summary>No agreement was ever proposed: default deny.</summary>
    None = 0,
    /// <summary>Proposed by the owner; waits for the requester's acceptance.</summary>
    Proposed = 1,
    Active = 2,
    /// <summary>Paused by the owner; can be resumed.</summary>
    Suspended = 3,
    /// <summary>Ended by the owner; a new proposal starts over.</summary>
    Revoked = 4,
    /// <summary>Past its validity window; derived from the clock, never stored.</summary>
    Expired = 5,
}
