namespace Grid.Protocol.Sharing;

/// <summary>Where an agreement is in its lifecycle. Only <see cref="Active"/> lets searches through.</summary>
public enum AgreementStatus
{
    /// <summary>Never proposed: default deny.</summary>
    None = 0,
    /// <summary>Proposed by the owner; waits for the requester.</summary>
    Proposed = 1,
    /// <summary>In force.</summary>
    Active = 2,
    /// <summary>Paused by the owner.</summary>
    Suspended = 3,
    /// <summary>Ended by the owner.</summary>
    Revoked = 4,
    /// <summary>Past its validity window.</summary>
    Expired = 5,
}
