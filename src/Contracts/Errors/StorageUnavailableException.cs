namespace Grid.Contracts.Errors;

/// <summary>Durable storage did not acknowledge a write; nothing was acknowledged to the caller.</summary>
[GenerateSerializer, Alias("grid.StorageUnavailableException")]
public class StorageUnavailableException : GridException
{
    public StorageUnavailableException(string message)
        : base(GridErrorCodes.StorageUnavailable, message)
    {
    }

    public StorageUnavailableException(string message, Exception inner)
        : base(GridErrorCodes.StorageUnavailable, message, inner)
    {
    }
}
