using Grid.Protocol.Galleries;

namespace Grid.Contracts.Templates;

/// <summary>A subjectRef is the owner's opaque handle for a person: never a name. The rule itself is
/// <see cref="SubjectRefText"/>, shared with clients; here a breach is the grid's typed error.</summary>
public static class SubjectRefRules
{
    public const int MaxLength = SubjectRefText.MaxLength;

    public static void Validate(string? subjectRef, int row = -1)
    {
        if (SubjectRefText.Problem(subjectRef, row) is { } problem)
            throw new Errors.InvalidSubjectRefException(problem);
    }
}
