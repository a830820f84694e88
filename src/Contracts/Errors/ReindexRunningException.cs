namespace Grid.Contracts.Errors;

/// <summary>A re-index of the gallery (or of one of its shards) is still building; wait for it to finish.</summary>
[GenerateSerializer, Alias("grid.ReindexRunningException")]
public class ReindexRunningException : GridException
{
    public ReindexRunningException(string message)
        : base(GridErrorCodes.ReindexRunning, message)
    {
    }

    public ReindexRunningException(string message, Exception inner)
        : base(GridErrorCodes.ReindexRunning, message, inner)
    {
    }
}
