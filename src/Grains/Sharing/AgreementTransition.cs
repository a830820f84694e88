namespace Grid.Grains.Sharing;

/// <summary>The outcome of asking the state machine for a change: the next snapshot, or why not.</summary>
public sealed record AgreementTransition(AgreementSnapshot? Next, bool Forbidden, string? Error)
{
    public bool Succeeded => Next is not null;

    public static AgreementTransition To(AgreementSnapshot next) => new(next, false, null);

    /// <summary>The actor may not make this change at all (wrong force or role).</summary>
    public static AgreementTransition Deny(string why) => new(null, true, why);

    /// <summary>The actor may, but not in the agreement's current state or with these terms.</summary>
    public static AgreementTransition Reject(string why) => new(null, false, why);
}
