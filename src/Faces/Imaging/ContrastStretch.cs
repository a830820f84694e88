namespace Grid.Faces.Imaging;

/// <summary>
/// Linear stretch of a photo whose tones span a narrow range (haze, under-exposure, a photo of a screen) to
/// the full 0–255, clipping 0.5 % at each end. Photos with an ordinary range are returned unchanged, so clean
/// photos see exactly what they saw before.
/// </summary>
public static class ContrastStretch
{
    /// <summary>Below this spread (between the 0.5 % and 99.5 % levels, all channels together) a photo is stretched.</summary>
    public const int NarrowRange = 160;

    private const int ClipPerMille = 5;

    public static RgbImage IfNarrow(RgbImage image)
    {
        var histogram = new int[256];
        foreach (var value in image.Pixels)
        {
            histogram[value]++;
        }
        var cut = (long)image.Pixels.Length * ClipPerMille / 1000;
        int low = 0, high = 255;
        long seen = 0;
        for (; low < 255 && (seen += histogram[low]) <= cut; low++)
        {
        }
        seen = 0;
        for (; high > 0 && (seen += histogram[high]) <= cut; high--)
        {
        }
        if (high - low >= NarrowRange || high <= low)
        {
            return image;
        }
        var table = new byte[256];
        for (var v = 0; v < 256; v++)
        {
            table[v] = (byte)Math.Clamp((v - low) * 255 / (high - low), 0, 255);
        }
        var stretched = new RgbImage(image.Width, image.Height);
        for (var i = 0; i < image.Pixels.Length; i++)
        {
            stretched.Pixels[i] = table[image.Pixels[i]];
        }
        return stretched;
    }
}
