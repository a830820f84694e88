namespace Grid.Contracts.Identity;

/// <summary>What a user of a force may do. Flags so a principal carries its roles in one value.</summary>
[Flags]
public enum Role
{
    None = 0,
    /// <summary>Runs searches against the force's own and partners' galleries.</summary>
    Searcher = 1,
    /// <summary>Enrols and removes subjects in the force's galleries.</summary>
    Enroller = 2,
    /// <summary>Reviews candidate lists (human review of every result).</summary>
    Reviewer = 4,
    /// <summary>Proposes, accepts, suspends, resumes and revokes sharing agreements.</summary>
    AgreementAdmin = 8,
    /// <summary>Reads and verifies the force's audit log and statistics.</summary>
    Auditor = 16,
    /// <summary>Adds and disables the force's users.</summary>
    ForceAdmin = 32,
}
