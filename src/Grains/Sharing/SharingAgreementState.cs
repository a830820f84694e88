using Grid.Grains.Security;

namespace Grid.Grains.Sharing;

[GenerateSerializer, Alias("grid.sharing-agreement-state")]
public sealed class SharingAgreementState : ISealedState
{
    [Id(0)]
    public AgreementSnapshot Agreement { get; set; } = AgreementSnapshot.Empty;

    [Id(1)]
    public QuotaUsage Quota { get; set; } = QuotaUsage.None;

    [Id(2)]
    public string Seal { get; set; } = string.Empty;
}
