namespace Grid.Contracts.Sharing;

/// <summary>Why a search of a partner's galleries was refused; each is a clear, distinct error.</summary>
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
