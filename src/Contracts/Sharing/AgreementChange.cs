using Grid.Contracts.Identity;

namespace Grid.Contracts.Sharing;

/// <summary>One versioned change of an agreement: who did what, when, and the result.</summary>
[GenerateSerializer, Immutable, Alias("grid.agreement-change")]
public sealed record AgreementChange(
    [property: Id(0)] int Version,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] AgreementAction Action,
    [property: Id(3)] Principal Actor,
    [property: Id(4)] AgreementStatus Status,
    [property: Id(5)] AgreementTerms Terms);
