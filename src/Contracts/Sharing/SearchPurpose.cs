namespace Grid.Contracts.Sharing;

/// <summary>
/// Why a search is made. Every search, own gallery or partner's, states all four fields;
/// a search whose purpose does not pass <see cref="TryValidate"/> is refused before anything is read.
/// </summary>
[GenerateSerializer, Immutable, Alias("grid.search-purpose")]
public sealed record SearchPurpose(
    [property: Id(0)] string Offence,
    [property: Id(1)] string CaseReference,
    [property: Id(2)] SubjectCategory Subject,
    [property: Id(3)] string Justification)
{
    public const int MaxCaseReferenceLength = 64;
    public const int MinJustificationLength = 10;
    public const int MaxJustificationLength = 500;

    /// <summary>False, with every problem as sentences for the caller, when the purpose is incomplete.</summary>
    public bool TryValidate(out IReadOnlyList<string> problems)
    {
        var found = new List<string>();
        problems = found;
        if (string.IsNullOrWhiteSpace(Offence))
        {
            found.Add("The offence category is missing.");
        }
        else if (!OffenceCatalogue.TryGet(Offence, out _))
        {
            found.Add($"'{Offence}' is not an offence category of the grid (see OffenceCatalogue).");
        }

        if (string.IsNullOrWhiteSpace(CaseReference))
        {
            found.Add("The case reference is missing.");
        }
        else if (CaseReference.Length > MaxCaseReferenceLength || CaseReference.Any(char.IsControl))
        {
            found.Add($"The case reference must be at most {MaxCaseReferenceLength} printable characters.");
        }

        if (Subject == SubjectCategory.Unspecified || !Enum.IsDefined(Subject))
        {
            found.Add("The subject category sought (suspect, convicted, victim, missing, unidentified remains) is missing.");
        }

        var justification = Justification?.Trim() ?? string.Empty;
        if (justification.Length < MinJustificationLength)
        {
            found.Add($"The justification is missing or shorter than {MinJustificationLength} characters.");
        }
        else if (justification.Length > MaxJustificationLength)
        {
            found.Add($"The justification is longer than {MaxJustificationLength} characters.");
        }

        return found.Count == 0;
    }

    public bool IsValid => TryValidate(out _);

    /// <summary>Throws <see cref="ArgumentException"/> listing every problem when the purpose is incomplete.</summary>
    public void Validate()
    {
        if (!TryValidate(out var problems))
        {
            throw new ArgumentException("Search refused: " + string.Join(" ", problems));
        }
    }
}
