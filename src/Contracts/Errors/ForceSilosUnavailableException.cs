namespace Grid.Contracts.Errors;

/// <summary>A shard pinned to a force's own silos was called while none of that force's silos is up. It is not
/// moved elsewhere (unless the grid runs with <c>Grid:Placement:AllowFallback=true</c>); start one of the
/// force's silos (<c>./grid.sh silo add --force F</c>) and call again.</summary>
[GenerateSerializer, Alias("grid.ForceSilosUnavailableException")]
public class ForceSilosUnavailableException : GridException
{
    public ForceSilosUnavailableException(string message)
        : base(GridErrorCodes.ForceSilosUnavailable, message)
    {
    }

    public ForceSilosUnavailableException(string message, Exception inner)
        : base(GridErrorCodes.ForceSilosUnavailable, message, inner)
    {
    }
}
