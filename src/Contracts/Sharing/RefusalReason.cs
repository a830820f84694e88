namespace Grid.Contracts.Sharing;

/// <summary>Why a search of a partner's galleries was refused; each is a clear, distinct error. The numbers and the
/// codes of <see cref="RefusalReasonCodes"/> are stable: they travel to clients and into scripts, so never renumber.</summary>
public enum RefusalReason
{
    None = 0,
    InvalidPurpose = 1,
    NotAuthorised = 2,
    NoAgreement = 3,
    NotActive = 4,
    NotYetValid = 5,
    Expired = 6,
    BelowThreshold = 7,
    PurposeNotCovered = 8,
    GalleryNotCovered = 9,
    QuotaExhausted = 10,
}
