namespace Grid.Contracts.Review;

/// <summary>Why a review or follow-up call was refused; each is a distinct, clear error and changes nothing.</summary>
public enum ReviewRefusal
{
    None = 0,
    UnknownCase = 1,
    UnknownCandidate = 2,
    InvalidInput = 3,
    /// <summary>This reviewer already decided on this candidate (four-eyes needs a second person).</summary>
    AlreadyDecidedByYou = 4,
    /// <summary>The candidate already has every decision its agreement requires.</summary>
    AlreadyDecided = 5,
    /// <summary>Follow-up only after every required reviewer said possible match.</summary>
    NotConfirmed = 6,
    /// <summary>The candidate is in the requester's own gallery: there is no owner to ask.</summary>
    OwnCandidate = 7,
    FollowUpExists = 8,
    AgreementNotActive = 9,
    /// <summary>The follow-up was already released or declined.</summary>
    AlreadyAnswered = 10,
    NoCoreData = 11,
    ImagesNotShared = 12,
    NoImage = 13,
}
