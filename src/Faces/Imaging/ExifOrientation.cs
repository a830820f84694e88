using SkiaSharp;

namespace Grid.Faces.Imaging;

/// <summary>
/// Turns stored pixels into the upright picture the EXIF orientation tag describes; phone photos are
/// often stored sideways, and a sideways face is not detected.
/// </summary>
public static class ExifOrientation
{
    public static RgbImage Apply(RgbImage stored, SKEncodedOrigin origin)
    {
        if (origin == SKEncodedOrigin.TopLeft)
        {
            return stored;
        }
        var swapsAxes = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop
            or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var upright = swapsAxes ? new RgbImage(stored.Height, stored.Width) : new RgbImage(stored.Width, stored.Height);
        for (var y = 0; y < upright.Height; y++)
        {
            for (var x = 0; x < upright.Width; x++)
            {
                var (sx, sy) = StoredPositionOf(x, y, stored.Width, stored.Height, origin);
                var from = stored.OffsetOf(sx, sy);
                var to = upright.OffsetOf(x, y);
                upright.Pixels[to] = stored.Pixels[from];
                upright.Pixels[to + 1] = stored.Pixels[from + 1];
                upright.Pixels[to + 2] = stored.Pixels[from + 2];
            }
        }
        return upright;
    }

    /// <summary>Where the upright pixel (x, y) is in the stored image of size w×h (TIFF/EXIF orientation values 1–8).</summary>
    public static (int X, int Y) StoredPositionOf(int x, int y, int w, int h, SKEncodedOrigin origin) => origin switch
    {
        SKEncodedOrigin.TopLeft => (x, y),
        SKEncodedOrigin.TopRight => (w - 1 - x, y),
        SKEncodedOrigin.BottomRight => (w - 1 - x, h - 1 - y),
        SKEncodedOrigin.BottomLeft => (x, h - 1 - y),
        SKEncodedOrigin.LeftTop => (y, x),
        SKEncodedOrigin.RightTop => (y, h - 1 - x),
        SKEncodedOrigin.RightBottom => (w - 1 - y, h - 1 - x),
        SKEncodedOrigin.LeftBottom => (w - 1 - y, x),
        _ => throw new ArgumentOutOfRangeException(nameof(origin), origin, "Not an EXIF orientation."),
    };
}
