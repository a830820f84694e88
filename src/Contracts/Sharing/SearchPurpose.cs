namespace Grid.Contracts.Sharing;

/// <summary>
/// Why a search is made. Every search, own gallery or partner's, states all four fields;
/// a search whose purpose does not <see cref="Validate"/> is refused before anything is read.
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

    /// <summary>Every problem with this purpose, as sentences for the caller; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Offence))
        {
            problems.Add("The offence category is missing.");
        }
        else if (!OffenceCatalogue.TryGet(Offence, out _))
        {
            problems.Add($"'{Offence}' is not an offence category of the grid (see OffenceCatalogue).");
        }

        if (string.IsNullOrWhiteSpace(CaseReference))
        {
            problems.Add("The case reference is missing.");
        }
        else if (CaseReference.Length > MaxCaseReferenceLength || CaseReference.Any(char.IsControl))
        {
            problems.Add($"The case reference must be at most {MaxCaseReferenceLength} printable characters.");
        }

        if (Subject == SubjectCategory.Unspecified || !Enum.IsDefined(Subject))
        {
            problems.Add("The subject category sought (suspect, convicted, victim, missing, unidentified remains) is missing.");
        }

        var justification = Justification?.Trim() ?? string.Empty;
        if (justification.Length < MinJustificationLength)
        {
            problems.Add($"The justification is missing or shorter than {MinJustificationLength} characters.");
        }
        else if (justification.Length > MaxJustificationLength)
        {
            problems.Add($"The justification is longer than {MaxJustificationLength} characters.");
        }

        return problems;
    }

    public bool IsValid => Validate().Count == 0;

    /// <summary>Throws <see cref="ArgumentException"/> listing every problem when the purpose is incomplete.</summary>
    public void EnsureValid()
    {
        var problems = Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("Search refused: " + string.Join(" ", problems));
        }
    }
}
