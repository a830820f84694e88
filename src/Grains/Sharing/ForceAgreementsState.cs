using Grid.Contracts.Sharing;
using Grid.Grains.Security;

namespace Grid.Grains.Sharing;

/// <summary>The last reported view (without history) of each agreement a force is party to, one per agreement key.
/// A list rather than a dictionary keyed by <see cref="AgreementKey"/>, so JSON grain storage can read it back.</summary>
[GenerateSerializer, Alias("grid.force-agreements-state")]
public sealed class ForceAgreementsState : ISealedState
{
    [Id(0)]
    public List<AgreementView> Agreements { get; set; } = [];

    [Id(1)]
    public string Seal { get; set; } = string.Empty;
}
