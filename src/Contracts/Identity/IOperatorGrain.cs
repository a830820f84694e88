using System.Collections.Immutable;
using Grid.Contracts.Galleries;
using Orleans.Concurrency;

namespace Grid.Contracts.Identity;

/// <summary>The grid operator's entry point [key: <see cref="Key"/>]: forces are created and disabled here.</summary>
public interface IOperatorGrain : IGrainWithStringKey
{
    public const string Key = "grid";

    /// <summary>
    /// Silo-internal (the first <c>up</c>): issues the operator key once; null when one exists.
    /// The caller writes it to a file only its user can read.
    /// </summary>
    Task<ApiKeyIssued?> BootstrapAsync(string operatorUser);

    /// <summary>Creates a force and its first user, a force admin, whose key is returned once.</summary>
    Task<ApiKeyIssued> CreateForceAsync(ForceId force, string displayName, string adminUser);

    // [ReadOnly]: reads interleave with each other but never with a change, so they see whole states.
    [ReadOnly]
    Task<ImmutableArray<ForceView>> ListForcesAsync();

    /// <summary>Disables the force and every key of its users.</summary>
    Task DisableForceAsync(ForceId force);

    /// <summary>Operator: after a restore put a force's state back into storage, lists the force as a member again and
    /// its galleries in the gallery catalogue, and removes again the subjects of <paramref name="erasures"/> (removals
    /// made after the backup began). Refused unless the restored force state verifies (its seal). Returns the
    /// templates removed.</summary>
    Task<int> AdoptRestoredForceAsync(ForceId force, ImmutableArray<GalleryId> galleries, ImmutableArray<SubjectErasure> erasures);

    /// <summary>The member forces' ids, for any authenticated caller: partners need to know whom they can
    /// propose agreements to. Names, users and keys stay with <see cref="ListForcesAsync"/> (operator only).</summary>
    [ReadOnly]
    Task<ImmutableArray<ForceId>> ListMemberIdsAsync();
}
