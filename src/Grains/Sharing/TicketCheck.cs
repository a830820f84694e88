namespace Grid.Grains.Sharing;

public enum TicketCheck
{
    Valid = 0,
    BadSignature = 1,
    Expired = 2,
    /// <summary>Issued in the future or with a lifetime longer than the signer allows.</summary>
    BadWindow = 3,
}
