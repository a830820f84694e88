namespace Grid.Faces.Imaging;

/// <summary>Why an input was refused before or during decoding.</summary>
public enum ImageRejectionReason
{
    /// <summary>Zero bytes.</summary>
    Empty,
    /// <summary>More encoded bytes than the limit allows.</summary>
    TooLarge,
    /// <summary>The header declares more pixels than the limit (a decompression bomb is refused before decoding).</summary>
    TooManyPixels,
    /// <summary>Not recognised as any image format.</summary>
    NotAnImage,
    /// <summary>A known format whose data ends early.</summary>
    Truncated,
    /// <summary>A known format whose data is damaged.</summary>
    Corrupt,
    /// <summary>An image format this pipeline does not accept (only JPEG, PNG, WebP and BMP are).</summary>
    Unsupported,
}
