namespace Grid.Contracts.Errors;

/// <summary>A gallery or shard exists already with another configuration.</summary>
[GenerateSerializer, Alias("grid.GalleryConflictException")]
public class GalleryConflictException : GridException
{
    public GalleryConflictException(string message)
        : base(GridErrorCodes.GalleryConflict, message)
    {
    }

    public GalleryConflictException(string message, Exception inner)
        : base(GridErrorCodes.GalleryConflict, message, inner)
    {
    }
}
