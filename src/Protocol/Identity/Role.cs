namespace Grid.Protocol.Identity;

/// <summary>What a user of a force may do; on the wire as names (<c>searcher</c>, <c>agreement-admin</c>...).</summary>
[Flags]
public enum Role
{
    /// <summary>No role.</summary>
    None = 0,
    /// <summary>Runs searches.</summary>
    Searcher = 1,
    /// <summary>Enrols and removes subjects.</summary>
    Enroller = 2,
    /// <summary>Reviews candidate lists.</summary>
    Reviewer = 4,
    /// <summary>Proposes, accepts, suspends, resumes and revokes sharing agreements.</summary>
    AgreementAdmin = 8,
    /// <summary>Reads and verifies the audit log and statistics.</summary>
    Auditor = 16,
    /// <summary>Adds and disables the force's users.</summary>
    ForceAdmin = 32,
}
