namespace Grid.Contracts.Errors;

/// <summary>A subjectRef that is empty, too long or not printable.</summary>
[GenerateSerializer, Alias("grid.InvalidSubjectRefException")]
public class InvalidSubjectRefException : GridException
{
    public InvalidSubjectRefException(string message)
        : base(GridErrorCodes.InvalidSubjectRef, message)
    {
    }

    public InvalidSubjectRefException(string message, Exception inner)
        : base(GridErrorCodes.InvalidSubjectRef, message, inner)
    {
    }
}
