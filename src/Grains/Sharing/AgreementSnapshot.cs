using System.Collections.Immutable;
using Grid.Contracts.Sharing;

namespace Grid.Grains.Sharing;

/// <summary>
/// The stored lifecycle of one agreement: version, stored status (never <see cref="AgreementStatus.Expired"/>,
/// which is derived from the clock), current terms and the full history of changes.
/// </summary>
[GenerateSerializer, Immutable, Alias("grid.agreement-snapshot")]
public sealed record AgreementSnapshot(
    [property: Id(0)] int Version,
    [property: Id(1)] AgreementStatus StoredStatus,
    [property: Id(2)] AgreementTerms? Terms,
    [property: Id(3)] ImmutableArray<AgreementChange> History)
{
    public static readonly AgreementSnapshot Empty = new(0, AgreementStatus.None, null, []);

    /// <summary>The status at <paramref name="now"/>: a live agreement past its window is expired.</summary>
    public AgreementStatus StatusAt(DateTimeOffset now) =>
        StoredStatus is AgreementStatus.Proposed or AgreementStatus.Active or AgreementStatus.Suspended &&
        Terms is not null && now >= Terms.ValidUntil
            ? AgreementStatus.Expired
            : StoredStatus;

    public AgreementView ToView(AgreementKey key, DateTimeOffset now) =>
        new(key, Version, StatusAt(now), Terms, History.IsDefault ? [] : History);
}
