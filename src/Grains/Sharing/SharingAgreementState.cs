namespace Grid.Grains.Sharing;

[GenerateSerializer, Alias("grid.sharing-agreement-state")]
public sealed class SharingAgreementState
{
    [Id(0)]
    public AgreementSnapshot Agreement { get; set; } = AgreementSnapshot.Empty;

    [Id(1)]
    public QuotaUsage Quota { get; set; } = QuotaUsage.None;
}
