using Grid.Faces.Imaging;
using Grid.Faces.Pipeline;

namespace Grid.Portal.Search;

/// <summary>Turns an uploaded file into a <see cref="ProbePhoto"/>: decoded (which refuses anything but a real JPEG, PNG,
/// WebP or BMP before its pixels are read), made upright, analysed, and re-encoded as PNG for display without its metadata.</summary>
public static class PhotoUpload
{
    /// <summary>Largest upload accepted.</summary>
    public const int MaxBytes = 20 * 1024 * 1024;

    /// <exception cref="ImageRejectedException">Not an acceptable photo (the reason says why).</exception>
    public static ProbePhoto Read(byte[] upload, string fileName, FacePipeline pipeline)
    {
        if (upload.Length > MaxBytes)
            throw new ImageRejectedException(ImageRejectionReason.TooLarge, $"the file has {upload.Length:N0} bytes; the portal accepts photos up to {MaxBytes / (1024 * 1024)} MB");
        var image = pipeline.Decoder.Decode(upload);
        var faces = pipeline.Analyze(image);
        return new ProbePhoto(Guid.NewGuid().ToString("N"), Path.GetFileName(fileName), image, image.ToPng(), faces);
    }
}
