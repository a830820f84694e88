using System.Collections.Immutable;
using Grid.Contracts.Galleries;
using Orleans.Concurrency;

namespace Grid.Contracts.Sharing;

/// <summary>
/// One agreement, keyed <c>OWNER-&gt;REQUESTER</c> (see <see cref="AgreementKey"/>). Lifecycle calls
/// act as the authenticated principal: the owner's agreement-admin proposes, suspends, resumes and
/// revokes; the requester's agreement-admin accepts. Every change is versioned and audited at both
/// forces. Not reentrant: one call at a time is what makes a revocation binding on the next
/// <see cref="AuthoriseAsync"/>.
/// </summary>
public interface ISharingAgreementGrain : IGrainWithStringKey
{
    Task<AgreementView> ProposeAsync(AgreementTerms terms);

    /// <summary>Accepts exactly the proposed <paramref name="version"/>, so changed terms are never accepted unseen.</summary>
    Task<AgreementView> AcceptAsync(int version);

    Task<AgreementView> SuspendAsync();

    Task<AgreementView> ResumeAsync();

    Task<AgreementView> RevokeAsync();

    /// <summary>Readable by agreement-admins and auditors of either force.</summary>
    // [ReadOnly]: reads interleave with each other but never with a change, so they see whole states.
    [ReadOnly]
    Task<AgreementView> GetAsync();

    /// <summary>
    /// Silo-internal (the search coordinator): checks the requester principal's search of the
    /// owner's <paramref name="galleries"/> against the agreement, counts it against the daily
    /// quota, and returns a signed ticket limited to the covered galleries, or a refusal.
    /// </summary>
    Task<Authorisation> AuthoriseAsync(ImmutableArray<GalleryId> galleries, SearchPurpose purpose);
}
