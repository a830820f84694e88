using SkiaSharp;

namespace Grid.Faces.Imaging;

/// <summary>
/// An 8-bit RGB image in managed memory, rows top to bottom, 3 bytes per pixel.
/// Immutable by convention once built, so one decoded photo can be shared by every stage and thread.
/// </summary>
public sealed class RgbImage
{
    public const int Channels = 3;

    public RgbImage(int width, int height, byte[] pixels)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (pixels.Length != checked(width * height * Channels))
        {
            throw new ArgumentException($"Expected {width * height * Channels} bytes for {width}x{height} RGB.", nameof(pixels));
        }
        Width = width;
        Height = height;
        Pixels = pixels;
    }

    public RgbImage(int width, int height) : this(width, height, new byte[checked(width * height * Channels)])
    {
    }

    public int Width { get; }
    public int Height { get; }
    public byte[] Pixels { get; }

    public int OffsetOf(int x, int y) => ((y * Width) + x) * Channels;

    /// <summary>Encodes as PNG, for looking at crops while debugging and for reports.</summary>
    public byte[] ToPng()
    {
        var rgba = new byte[Width * Height * 4];
        for (int i = 0, j = 0; i < Pixels.Length; i += Channels, j += 4)
        {
            rgba[j] = Pixels[i];
            rgba[j + 1] = Pixels[i + 1];
            rgba[j + 2] = Pixels[i + 2];
            rgba[j + 3] = 255;
        }
        using var image = SKImage.FromPixelCopy(new SKImageInfo(Width, Height, SKColorType.Rgba8888, SKAlphaType.Opaque), rgba);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
