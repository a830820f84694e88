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
}
