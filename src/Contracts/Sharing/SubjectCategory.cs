namespace Grid.Contracts.Sharing;

/// <summary>Who a gallery holds, and so who a search seeks. <see cref="Unspecified"/> is never accepted.</summary>
public enum SubjectCategory
{
    Unspecified = 0,
    Suspect = 1,
    Convicted = 2,
    Victim = 3,
    Missing = 4,
    UnidentifiedRemains = 5,
}
