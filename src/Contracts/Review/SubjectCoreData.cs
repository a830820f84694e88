using System.Collections.Immutable;

namespace Grid.Contracts.Review;

/// <summary>
/// The owner-held core data of a subject (Prüm II Art 47), released only by the owner's reviewer after a confirmed
/// match. Stored in the owner's grain storage beside the subject, never searched, never indexed, never audited.
/// </summary>
[GenerateSerializer, Immutable, Alias("grid.subject-core-data")]
public sealed record SubjectCoreData(
    [property: Id(0)] ImmutableArray<string> Names,
    [property: Id(1)] ImmutableArray<string> Aliases,
    [property: Id(2)] DateOnly? DateOfBirth,
    [property: Id(3)] string Nationality,
    [property: Id(4)] string Sex,
    [property: Id(5)] DateOnly? CapturedOn,
    [property: Id(6)] string CapturedAt,
    [property: Id(7)] string Offence,
    [property: Id(8)] string CaseNumber,
    [property: Id(9)] string Authority)
{
    public const int MaxFieldLength = 200;
    public const int MaxNames = 10;
    public static readonly ImmutableArray<string> Sexes = ["F", "M", "X", "U"];

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Names.IsDefaultOrEmpty) problems.Add("Core data names the subject: at least one name.");
        foreach (var (label, list) in new[] { ("Names", Names), ("Aliases", Aliases) })
            if (!list.IsDefault && (list.Length > MaxNames || list.Any(n => !Printable(n, required: true))))
                problems.Add($"{label}: at most {MaxNames}, each 1-{MaxFieldLength} printable characters.");
        if (Nationality is null || Nationality.Length is < 2 or > 3 || !Nationality.All(char.IsAsciiLetterUpper))
            problems.Add("Nationality is an ISO 3166 country code (e.g. DE), or XXX when unknown.");
        if (!Sexes.Contains(Sex)) problems.Add("Sex is F, M, X or U (unknown).");
        if (DateOfBirth is { } dob && CapturedOn is { } on && dob > on) problems.Add("The date of birth is after the date of capture.");
        foreach (var (label, value) in new[] { ("Place of capture", CapturedAt), ("Offence", Offence), ("Case number", CaseNumber), ("Authority", Authority) })
            if (!Printable(value, required: label is "Authority" or "Case number"))
                problems.Add($"{label} must be {(label is "Authority" or "Case number" ? "1-" : "at most ")}{MaxFieldLength} printable characters.");
        return problems;
    }

    private static bool Printable(string? value, bool required) =>
        value is not null && (!required || value.Trim().Length > 0) && value.Length <= MaxFieldLength && !value.Any(char.IsControl);
}
