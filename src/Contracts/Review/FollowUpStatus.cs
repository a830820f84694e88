namespace Grid.Contracts.Review;

public enum FollowUpStatus
{
    /// <summary>Waiting for the owner's reviewer; the 48-hour clock runs.</summary>
    Requested = 1,
    Released = 2,
    Declined = 3,
}
