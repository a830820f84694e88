namespace Grid.Contracts.Galleries;

/// <summary>What kind of people a gallery holds; a search names the category it seeks.</summary>
public enum SubjectCategory
{
    Suspect = 0,
    Convicted = 1,
    Victim = 2,
    Missing = 3,
    UnidentifiedRemains = 4,
}
