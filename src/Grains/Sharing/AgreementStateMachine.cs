using Grid.Contracts.Identity;
using Grid.Contracts.Sharing;

namespace Grid.Grains.Sharing;

/// <summary>
/// Pure lifecycle of an agreement. Who may do what: the owner's agreement-admin proposes,
/// suspends, resumes and revokes; the requester's agreement-admin accepts exactly the version it
/// saw. Expiry is read from the supplied clock. Every successful change adds one version and one
/// history entry; nothing else changes a snapshot.
/// </summary>
public static class AgreementStateMachine
{
    public static AgreementTransition Apply(
        AgreementSnapshot current,
        AgreementKey key,
        Principal actor,
        AgreementAction action,
        DateTimeOffset now,
        AgreementTerms? proposedTerms = null,
        int? acceptedVersion = null)
    {
        var side = action == AgreementAction.Accept ? key.Requester : key.Owner;
        if (!actor.Acts(side, Role.AgreementAdmin))
        {
            return AgreementTransition.Deny($"{action} of {key} needs an agreement-admin of {side}; {actor} is not.");
        }

        var status = current.StatusAt(now);
        return action switch
        {
            AgreementAction.Propose => Propose(current, key, actor, status, now, proposedTerms),
            AgreementAction.Accept when status != AgreementStatus.Proposed =>
                AgreementTransition.Reject($"Only a proposed agreement can be accepted; {key} is {status}."),
            AgreementAction.Accept when acceptedVersion != current.Version =>
                AgreementTransition.Reject($"Version {acceptedVersion} of {key} is not the proposal on the table (version {current.Version}); read it again."),
            AgreementAction.Accept => Move(current, actor, action, AgreementStatus.Active, now, current.Terms!),
            AgreementAction.Suspend when status != AgreementStatus.Active =>
                AgreementTransition.Reject($"Only an active agreement can be suspended; {key} is {status}."),
            AgreementAction.Suspend => Move(current, actor, action, AgreementStatus.Suspended, now, current.Terms!),
            AgreementAction.Resume when status != AgreementStatus.Suspended =>
                AgreementTransition.Reject($"Only a suspended agreement can be resumed; {key} is {status}."),
            AgreementAction.Resume => Move(current, actor, action, AgreementStatus.Active, now, current.Terms!),
            AgreementAction.Revoke when status is not (AgreementStatus.Proposed or AgreementStatus.Active or AgreementStatus.Suspended) =>
                AgreementTransition.Reject($"{key} is {status}; there is nothing to revoke."),
            AgreementAction.Revoke => Move(current, actor, action, AgreementStatus.Revoked, now, current.Terms!),
            _ => AgreementTransition.Reject($"Unknown action {action}."),
        };
    }

    private static AgreementTransition Propose(
        AgreementSnapshot current, AgreementKey key, Principal actor, AgreementStatus status, DateTimeOffset now, AgreementTerms? terms)
    {
        // A live agreement is revoked before new terms are offered, so the requester never
        // searches under terms it has not accepted and the owner never loses track of which apply.
        if (status is AgreementStatus.Active or AgreementStatus.Suspended)
        {
            return AgreementTransition.Reject($"{key} is {status}; revoke it before proposing new terms.");
        }

        if (key.Owner == key.Requester)
        {
            return AgreementTransition.Reject("A force needs no agreement with itself.");
        }

        if (terms is null)
        {
            return AgreementTransition.Reject("A proposal needs terms.");
        }

        if (!terms.TryValidate(key.Owner, out var problems))
        {
            return AgreementTransition.Reject(string.Join(" ", problems));
        }

        return now >= terms.ValidUntil
            ? AgreementTransition.Reject("The proposed validity window has already ended.")
            : Move(current, actor, AgreementAction.Propose, AgreementStatus.Proposed, now, terms);
    }

    private static AgreementTransition Move(
        AgreementSnapshot current, Principal actor, AgreementAction action, AgreementStatus next, DateTimeOffset now, AgreementTerms terms)
    {
        var version = current.Version + 1;
        var history = current.History.IsDefault ? [] : current.History;
        return AgreementTransition.To(new AgreementSnapshot(
            version, next, terms, history.Add(new AgreementChange(version, now, action, actor, next, terms))));
    }
}
