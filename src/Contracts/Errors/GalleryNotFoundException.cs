namespace Grid.Contracts.Errors;

/// <summary>The named gallery was never created.</summary>
[GenerateSerializer, Alias("grid.GalleryNotFoundException")]
public class GalleryNotFoundException : GridException
{
    public GalleryNotFoundException(string message)
        : base(GridErrorCodes.GalleryNotFound, message)
    {
    }

    public GalleryNotFoundException(string message, Exception inner)
        : base(GridErrorCodes.GalleryNotFound, message, inner)
    {
    }
}
