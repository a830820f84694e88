namespace Grid.Contracts.Templates;

/// <summary>A subjectRef is the owner's opaque handle for a person: never a name. Kept short and
/// printable so it is safe in logs, blob records and CSV exports.</summary>
public static class SubjectRefRules
{
    public const int MaxLength = 128;

    public static void Validate(string? subjectRef, int row = -1)
    {
        var where = row >= 0 ? $" (row {row})" : "";
        if (string.IsNullOrWhiteSpace(subjectRef))
            throw new Errors.InvalidSubjectRefException($"SubjectRef{where} is empty.");
        if (subjectRef.Length > MaxLength)
            throw new Errors.InvalidSubjectRefException($"SubjectRef{where} is {subjectRef.Length} characters; the limit is {MaxLength}.");
        if (subjectRef.Any(c => char.IsControl(c) || c == ',') || subjectRef != subjectRef.Trim())
            throw new Errors.InvalidSubjectRefException(
                $"SubjectRef '{subjectRef}'{where} has control characters, commas or surrounding spaces.");
    }
}
