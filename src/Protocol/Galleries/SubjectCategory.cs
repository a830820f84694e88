namespace Grid.Protocol.Galleries;

/// <summary>Who a gallery holds, and so who a search seeks. <see cref="Unspecified"/> is never accepted.</summary>
public enum SubjectCategory
{
    /// <summary>Not given: refused.</summary>
    Unspecified = 0,
    /// <summary>Suspects.</summary>
    Suspect = 1,
    /// <summary>Convicted persons.</summary>
    Convicted = 2,
    /// <summary>Victims.</summary>
    Victim = 3,
    /// <summary>Missing persons.</summary>
    Missing = 4,
    /// <summary>Unidentified human remains.</summary>
    UnidentifiedRemains = 5,
}
