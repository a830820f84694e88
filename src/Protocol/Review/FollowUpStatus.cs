namespace Grid.Protocol.Review;

/// <summary>Where a follow-up request stands.</summary>
public enum FollowUpStatus
{
    /// <summary>Waiting for the owner's reviewer; the 48-hour clock runs.</summary>
    Requested = 1,
    /// <summary>The owner released the subject's core data to the requesting case.</summary>
    Released = 2,
    /// <summary>The owner declined, with a reason.</summary>
    Declined = 3,
}
