using CsCheck;
using Grid.Contracts.Identity;
using Grid.Contracts.Sharing;
using Grid.Grains.Sharing;
using Grid.Grains.Tests.Support;
using Xunit;

namespace Grid.Grains.Tests.Sharing;

public class AgreementStateMachineProperties
{
    private static readonly AgreementKey Key = new(Samples.De, Samples.Nl);

    private static readonly Gen<(Principal Actor, AgreementAction Action, int Minutes, bool FreshVersion, AgreementTerms Terms)> Step =
        from force in Gen.OneOf(Samples.De, Samples.Nl, Gens.Forces[2])
        from roles in Gen.OneOf(Role.AgreementAdmin, Role.AgreementAdmin | Role.Searcher, Role.Searcher, Role.Auditor)
        from action in Gen.Enum<AgreementAction>()
        from minutes in Gen.Int[0, 60 * 24 * 3]
        from fresh in Gen.Int[0, 4]
        from terms in Gens.Terms(Samples.De)
        select (new Principal(force, "u", roles, false), action, minutes, fresh > 0, terms);

    [Fact]
    public void Random_histories_keep_the_lifecycle_rules()
    {
        Step.Array[1, 40].Sample(steps =>
        {
            var state = AgreementSnapshot.Empty;
            var now = Gens.Epoch;
            foreach (var (actor, action, minutes, fresh, terms) in steps)
            {
                now = now.AddMinutes(minutes);
                var before = state.StatusAt(now);
                var result = AgreementStateMachine.Apply(state, Key, actor, action, now, terms, fresh ? state.Version : state.Version - 1);
                var side = action == AgreementAction.Accept ? Key.Requester : Key.Owner;
                if (!actor.Acts(side, Role.AgreementAdmin))
                {
                    Assert.True(result.Forbidden);
                }

                if (!result.Succeeded)
                {
                    continue;
                }

                var next = result.Next!;
                Assert.Equal(state.Version + 1, next.Version);
                Assert.Equal(next.Version, next.History.Length);
                Assert.Equal(actor, next.History[^1].Actor);
                var after = next.StatusAt(now);
                var expected = (action, before) switch
                {
                    (AgreementAction.Propose, AgreementStatus.None or AgreementStatus.Proposed or AgreementStatus.Revoked or AgreementStatus.Expired) => AgreementStatus.Proposed,
                    (AgreementAction.Accept, AgreementStatus.Proposed) => AgreementStatus.Active,
                    (AgreementAction.Suspend, AgreementStatus.Active) => AgreementStatus.Suspended,
                    (AgreementAction.Resume, AgreementStatus.Suspended) => AgreementStatus.Active,
                    (AgreementAction.Revoke, AgreementStatus.Proposed or AgreementStatus.Active or AgreementStatus.Suspended) => AgreementStatus.Revoked,
                    _ => throw new Xunit.Sdk.XunitException($"{action} from {before} should not have succeeded."),
                };
                Assert.Equal(expected, after);
                if (action == AgreementAction.Accept)
                {
                    Assert.Equal(state.Terms, next.Terms);
                }

                state = next;
            }
        }, iter: 1000);
    }

    [Fact]
    public void A_revoked_agreement_grants_nothing_until_proposed_and_accepted_again()
    {
        var owner = Samples.User(Samples.De, Role.AgreementAdmin);
        var requester = Samples.User(Samples.Nl, Role.AgreementAdmin | Role.Searcher);
        var now = Samples.Now;
        var state = AgreementStateMachine.Apply(AgreementSnapshot.Empty, Key, owner, AgreementAction.Propose, now, Samples.Terms(Samples.De)).Next!;
        state = AgreementStateMachine.Apply(state, Key, requester, AgreementAction.Accept, now, acceptedVersion: state.Version).Next!;
        var agreements = new Dictionary<ForceId, AgreementView> { [Samples.De] = state.ToView(Key, now) };
        var galleries = Samples.Galleries(Samples.De, "suspects");
        Assert.Single(PermissionEvaluator.Evaluate(requester, galleries, Samples.Purpose(), agreements, now).Granted);

        state = AgreementStateMachine.Apply(state, Key, owner, AgreementAction.Revoke, now).Next!;
        agreements[Samples.De] = state.ToView(Key, now);
        var decision = PermissionEvaluator.Evaluate(requester, galleries, Samples.Purpose(), agreements, now);
        Assert.Empty(decision.Granted);
        Assert.Equal(RefusalReason.NotActive, decision.Refused[0].Reason);
        Assert.False(AgreementStateMachine.Apply(state, Key, requester, AgreementAction.Accept, now, acceptedVersion: state.Version).Succeeded);
    }

    [Fact]
    public void Accepting_a_stale_version_is_rejected()
    {
        var owner = Samples.User(Samples.De, Role.AgreementAdmin);
        var state = AgreementStateMachine.Apply(AgreementSnapshot.Empty, Key, owner, AgreementAction.Propose, Samples.Now, Samples.Terms(Samples.De)).Next!;
        var result = AgreementStateMachine.Apply(state, Key, Samples.User(Samples.Nl, Role.AgreementAdmin), AgreementAction.Accept, Samples.Now, acceptedVersion: 0);
        Assert.False(result.Succeeded);
        Assert.False(result.Forbidden);
    }
}
