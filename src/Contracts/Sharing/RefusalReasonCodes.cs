namespace Grid.Contracts.Sharing;

/// <summary>
/// The stable, machine-readable code of each <see cref="RefusalReason"/> (what <c>--json</c> and the API print) and
/// a short sentence for people. Codes are part of the grid's contract: add new ones, never rename one.
/// </summary>
public static class RefusalReasonCodes
{
    public static string Code(this RefusalReason reason) => reason switch
    {
        RefusalReason.None => "none",
        RefusalReason.InvalidPurpose => "invalid-purpose",
        RefusalReason.NotAuthorised => "not-authorised",
        RefusalReason.NoAgreement => "no-agreement",
        RefusalReason.NotActive => "agreement-not-active",
        RefusalReason.NotYetValid => "agreement-not-yet-valid",
        RefusalReason.Expired => "agreement-expired",
        RefusalReason.BelowThreshold => "offence-below-threshold",
        RefusalReason.PurposeNotCovered => "purpose-not-covered",
        RefusalReason.GalleryNotCovered => "gallery-not-covered",
        RefusalReason.QuotaExhausted => "quota-exhausted",
        _ => $"unknown-{(int)reason}",
    };

    public static string Describe(this RefusalReason reason) => reason switch
    {
        RefusalReason.None => "not refused",
        RefusalReason.InvalidPurpose => "the search states no complete purpose",
        RefusalReason.NotAuthorised => "the caller may not search for this force",
        RefusalReason.NoAgreement => "no sharing agreement with the owner",
        RefusalReason.NotActive => "the agreement is not active",
        RefusalReason.NotYetValid => "the agreement is not valid yet",
        RefusalReason.Expired => "the agreement has expired",
        RefusalReason.BelowThreshold => "the offence is below the one-year threshold for a partner search",
        RefusalReason.PurposeNotCovered => "the agreement does not allow this offence",
        RefusalReason.GalleryNotCovered => "the agreement does not cover this gallery",
        RefusalReason.QuotaExhausted => "the agreement's daily quota is used up",
        _ => $"refused ({(int)reason})",
    };
}
