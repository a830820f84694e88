using Grid.Contracts.Sharing;

namespace Grid.Grains.Sharing;

/// <summary>The last reported view (without history) of each agreement a force is party to, by agreement key.</summary>
[GenerateSerializer, Alias("grid.force-agreements-state")]
public sealed class ForceAgreementsState
{
    [Id(0)]
    public Dictionary<AgreementKey, AgreementView> Agreements { get; set; } = [];
}
