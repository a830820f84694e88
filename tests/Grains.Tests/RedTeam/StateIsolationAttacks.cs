using Grid.Contracts.Identity;
using Grid.Contracts.Sharing;
using Xunit;
using static Grid.Grains.Tests.RedTeam.RedTeamFixture;

namespace Grid.Grains.Tests.RedTeam;

/// <summary>
/// Found while probing: Azure Blob grain storage's JSON reader filled the shared default agreement snapshot in place,
/// so after a restart every agreement with no state of its own carried the first stored agreement's status and terms.
/// </summary>
[Collection(RedTeamCollection.Name)]
public sealed class StateIsolationAttacks(RedTeamFixture grid)
{
    [Fact]
    public async Task An_agreement_without_state_stays_none_after_another_agreement_is_read_from_storage()
    {
        await grid.RestartAsync();
        As(grid.KeyOf(Nl));
        Assert.Equal(AgreementStatus.None, (await grid.Agreement(Fr, Nl).GetAsync()).Status);
        As(grid.KeyOf(Nl));
        Assert.Equal(AgreementStatus.Active, (await grid.Agreement(De, Nl).GetAsync()).Status);

        Internally(new Principal(Nl, "tester", Role.Searcher, false));
        var answer = await grid.Silo.GetGrain<ISharingAgreementGrain>(new AgreementKey(Fr, Nl).ToString()).AuthoriseAsync([FrSuspects], Purpose);
        Assert.Equal(RefusalReason.NoAgreement, answer.Refusal);
        As(grid.KeyOf(Nl));
        Assert.Equal(AgreementStatus.None, (await grid.Agreement(Fr, Nl).GetAsync()).Status);
    }
}
