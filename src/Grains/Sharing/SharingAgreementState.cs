using Grid.Grains.Security;

namespace Grid.Grains.Sharing;

/// <remarks>Defaults are fresh instances, never the shared <see cref="AgreementSnapshot.Empty"/> or <see cref="QuotaUsage.None"/>:
/// Azure Blob grain storage's JSON reader fills an existing property object in place, so a shared default was
/// overwritten by the first stored agreement read, and every agreement with no state of its own then carried that
/// agreement's status, terms and quota (found by the red-team existence probe, issue 9).</remarks>
[GenerateSerializer, Alias("grid.sharing-agreement-state")]
public sealed class SharingAgreementState : ISealedState
{
    [Id(0)]
    public AgreementSnapshot Agreement { get; set; } = new(0, Contracts.Sharing.AgreementStatus.None, null, []);

    [Id(1)]
    public QuotaUsage Quota { get; set; } = new(DateOnly.MinValue, 0);

    [Id(2)]
    public string Seal { get; set; } = string.Empty;
}
