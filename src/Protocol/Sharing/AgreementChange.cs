namespace Grid.Protocol.Sharing;

/// <summary>One versioned change: who did what, when, and the result.</summary>
public sealed record AgreementChange(int Version, DateTimeOffset At, AgreementAction Action, string Actor, AgreementStatus Status, AgreementTerms Terms);
