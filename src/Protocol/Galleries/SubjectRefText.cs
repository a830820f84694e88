namespace Grid.Protocol.Galleries;

/// <summary>The basic subjectRef rule, checked early by clients: the grid applies it and more (Unicode NFC, invisible and look-alike characters; SubjectRefRules in the grid). A subjectRef is the owner's opaque handle for a person: never a name. Kept short and printable so it is
/// safe in logs, blob records and CSV exports. The grid applies the same rule; clients check early.</summary>
public static class SubjectRefText
{
    /// <summary>Longest subjectRef.</summary>
    public const int MaxLength = 128;

    /// <summary>Why <paramref name="subjectRef"/> is not acceptable, or null when it is; <paramref name="row"/> ≥ 0 is named.</summary>
    public static string? Problem(string? subjectRef, int row = -1)
    {
        var where = row >= 0 ? $" (row {row})" : "";
        if (string.IsNullOrWhiteSpace(subjectRef)) return $"SubjectRef{where} is empty.";
        if (subjectRef.Length > MaxLength) return $"SubjectRef{where} is {subjectRef.Length} characters; the limit is {MaxLength}.";
        if (subjectRef.Any(c => char.IsControl(c) || c == ',') || subjectRef != subjectRef.Trim())
            return $"SubjectRef '{subjectRef}'{where} has control characters, commas or surrounding spaces.";
        return null;
    }

    /// <summary>Throws <see cref="FormatException"/> with <see cref="Problem"/>'s sentence.</summary>
    public static void Validate(string? subjectRef, int row = -1)
    {
        if (Problem(subjectRef, row) is { } problem) throw new FormatException(problem);
    }
}
