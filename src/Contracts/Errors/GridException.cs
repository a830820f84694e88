namespace Grid.Contracts.Errors;

/// <summary>The base of every error the grid reports to its callers: <see cref="Code"/> says which kind it is, stably
/// (see <see cref="GridErrorCodes"/>), and the message says what to do.</summary>
[GenerateSerializer, Alias("grid.GridException")]
public class GridException : Exception
{
    public GridException(string message)
        : this(GridErrorCodes.Failed, message)
    {
    }

    public GridException(string message, Exception inner)
        : this(GridErrorCodes.Failed, message, inner)
    {
    }

    public GridException(string code, string message)
        : base(message)
    {
        Code = code;
    }

    public GridException(string code, string message, Exception inner)
        : base(message, inner)
    {
        Code = code;
    }

    [Id(0)]
    public string Code { get; }
}
