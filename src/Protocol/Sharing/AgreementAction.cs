namespace Grid.Protocol.Sharing;

/// <summary>A change made to an agreement.</summary>
public enum AgreementAction
{
    /// <summary>The owner proposed terms.</summary>
    Propose = 1,
    /// <summary>The requester accepted.</summary>
    Accept = 2,
    /// <summary>The owner paused it.</summary>
    Suspend = 3,
    /// <summary>The owner resumed it.</summary>
    Resume = 4,
    /// <summary>The owner ended it.</summary>
    Revoke = 5,
}
