namespace Grid.Contracts.Errors;

/// <summary>The base of every error the grid reports to its callers; the message says what to do.</summary>
[GenerateSerializer, Alias("grid.GridException")]
public class GridException : Exception
{
    public GridException(string message) : base(message) { }
    public GridException(string message, Exception inner) : base(message, inner) { }
}
