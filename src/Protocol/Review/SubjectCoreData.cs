namespace Grid.Protocol.Review;

/// <summary>
/// The owner-held core data of a subject (Prüm II Art 47): stored in the owner's storage, never searched or indexed,
/// released only by the owner's reviewer to a requesting case after a confirmed match.
/// </summary>
/// <param name="Names">At least one, at most 10.</param>
/// <param name="Nationality">ISO 3166 code (e.g. DE), XXX when unknown.</param>
/// <param name="Sex">F, M, X or U (unknown).</param>
/// <param name="CapturedOn">Date of capture of the reference data.</param>
/// <param name="CapturedAt">Place of capture.</param>
/// <param name="CaseNumber">The owner's case number (required).</param>
/// <param name="Authority">The authority holding the record (required).</param>
public sealed record SubjectCoreData(
    string[] Names,
    string[]? Aliases,
    DateOnly? DateOfBirth,
    string Nationality,
    string Sex,
    DateOnly? CapturedOn,
    string? CapturedAt,
    string? Offence,
    string CaseNumber,
    string Authority);
