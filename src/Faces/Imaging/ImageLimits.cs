namespace Grid.Faces.Imaging;

/// <summary>Bounds checked before a photo is decoded in full, so hostile files cannot exhaust memory.</summary>
public sealed record ImageLimits(long MaxBytes, long MaxPixels)
{
    /// <summary>40 MB encoded and 40 megapixels decoded (160 MB as RGBA): above any camera photo a force sends.</summary>
    public static ImageLimits Default { get; } = new(40L * 1024 * 1024, 40_000_000);
}
