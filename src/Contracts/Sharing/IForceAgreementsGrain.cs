using System.Collections.Immutable;
using Orleans.Concurrency;

namespace Grid.Contracts.Sharing;

/// <summary>
/// The agreements one force is party to, as owner or as requester [key: FORCE]: an index the agreement grains keep
/// up to date on every change, so scope resolution and <c>agreement list</c> touch only agreements that exist
/// instead of probing every possible partner. An index, not an authority: every search is still decided by the
/// agreement grain itself, so a stale entry can only make a search refused or narrower, never grant one.
/// </summary>
public interface IForceAgreementsGrain : IGrainWithStringKey
{
    /// <summary>Silo-internal (the agreement grain, after each change): keeps <paramref name="view"/> unless a
    /// version at least as new is held already, so a repeated or late report changes nothing.</summary>
    Task RecordAsync(AgreementView view);

    /// <summary>Every indexed agreement of this force, as last reported (without history); for silos, the
    /// operator, and the force's agreement-admins and auditors.</summary>
    // [ReadOnly]: reads interleave with each other but never with a record, so they see whole states.
    [ReadOnly]
    Task<ImmutableArray<AgreementView>> ListAsync();
}
