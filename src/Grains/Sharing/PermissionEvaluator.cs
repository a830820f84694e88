using System.Collections.Immutable;
using Grid.Contracts.Galleries;
using Grid.Contracts.Identity;
using Grid.Contracts.Sharing;

namespace Grid.Grains.Sharing;

/// <summary>
/// Decides, without side effects, which requested galleries a principal may search for a purpose.
/// Default deny: a gallery is granted only when it is the caller's force's own, or when the
/// agreement <c>OWNER-&gt;CALLER</c> is active, inside its window, covers the gallery and allows
/// the offence, and the offence may be searched across borders at all. Quotas are not counted here:
/// that needs the agreement grain's state and happens in <c>AuthoriseAsync</c>.
/// </summary>
public static class PermissionEvaluator
{
    /// <param name="agreements">Agreements with the caller as requester, by owner; missing means none.</param>
    public static PermissionDecision Evaluate(
        Principal principal,
        IEnumerable<GalleryId> requested,
        SearchPurpose purpose,
        IReadOnlyDictionary<ForceId, AgreementView> agreements,
        DateTimeOffset now)
    {
        var galleries = requested.Distinct().ToArray();
        var wholeSearch = RefuseWholeSearch(principal, purpose);
        if (wholeSearch is { } refusal)
        {
            return new PermissionDecision([], [.. galleries.Select(g => new GalleryRefusal(g, refusal.Reason, refusal.Message))]);
        }

        var granted = ImmutableArray.CreateBuilder<GalleryGrant>();
        var refused = ImmutableArray.CreateBuilder<GalleryRefusal>();
        foreach (var gallery in galleries)
        {
            var (grant, why) = Decide(principal.Force!, gallery, purpose, agreements, now);
            if (grant is not null)
            {
                granted.Add(grant);
            }
            else
            {
                refused.Add(why!);
            }
        }

        return new PermissionDecision(granted.ToImmutable(), refused.ToImmutable());
    }

    /// <summary>May <paramref name="principal"/> search at all: a user of a force holding the searcher role.</summary>
    public static bool MaySearch(Principal principal) => principal.Force is not null && principal.Has(Role.Searcher);

    private static (RefusalReason Reason, string Message)? RefuseWholeSearch(Principal principal, SearchPurpose purpose)
    {
        if (!MaySearch(principal))
        {
            return (RefusalReason.NotAuthorised, $"{principal} is not a searcher of a force.");
        }

        return purpose.TryValidate(out var problems) ? null : (RefusalReason.InvalidPurpose, string.Join(" ", problems));
    }

    private static (GalleryGrant? Grant, GalleryRefusal? Refusal) Decide(
        ForceId caller, GalleryId gallery, SearchPurpose purpose, IReadOnlyDictionary<ForceId, AgreementView> agreements, DateTimeOffset now)
    {
        if (gallery.Force == caller)
        {
            return (new GalleryGrant(gallery, null, 0, SearchCaps.Unlimited), null);
        }

        GalleryRefusal Refuse(RefusalReason reason, string message) => new(gallery, reason, message);

        var owner = gallery.Force;
        if (!agreements.TryGetValue(owner, out var agreement) || agreement.Key != new AgreementKey(owner, caller) || agreement.Terms is null)
        {
            return (null, Refuse(RefusalReason.NoAgreement, $"{caller} has no agreement with {gallery.Force}."));
        }

        var terms = agreement.Terms;
        var offence = OffenceCatalogue.Get(purpose.Offence);
        var refusal =
            agreement.Status != AgreementStatus.Active ? Refuse(RefusalReason.NotActive, $"Agreement {agreement.Key} is {agreement.Status}.") :
            now >= terms.ValidUntil ? Refuse(RefusalReason.Expired, $"Agreement {agreement.Key} expired at {terms.ValidUntil:u}.") :
            now < terms.ValidFrom ? Refuse(RefusalReason.NotYetValid, $"Agreement {agreement.Key} starts at {terms.ValidFrom:u}.") :
            !offence.EligibleForCrossBorder ? Refuse(RefusalReason.BelowThreshold, $"'{offence.Code}' does not meet the one-year threshold for a partner search.") :
            !terms.Allows(offence.Code) ? Refuse(RefusalReason.PurposeNotCovered, $"Agreement {agreement.Key} does not allow '{offence.Code}'.") :
            !terms.Covers(gallery) ? Refuse(RefusalReason.GalleryNotCovered, $"Agreement {agreement.Key} does not cover {gallery}.") :
            null;

        return refusal is not null
            ? (null, refusal)
            : (new GalleryGrant(gallery, agreement.Key, agreement.Version, new SearchCaps(terms.MaxCandidates, terms.MinScore)), null);
    }
}
