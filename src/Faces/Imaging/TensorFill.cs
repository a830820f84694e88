namespace Grid.Faces.Imaging;

/// <summary>Writes an image into planar CHW float tensors the way the package's models expect.</summary>
internal static class TensorFill
{
    /// <summary>
    /// Colour planes as (px − 127) / 128 into a planeWidth×planeHeight tensor, in RGB order or, with
    /// <paramref name="blueFirst"/>, BGR; the image sits at the top-left and the remainder stays zero (mid-grey).
    /// </summary>
    public static void NormalisedPlanes(RgbImage image, Span<float> tensor, int planeWidth, int planeHeight, bool blueFirst = false)
    {
        var plane = planeWidth * planeHeight;
        tensor[..(plane * 3)].Clear();
        var pixels = image.Pixels;
        for (var y = 0; y < image.Height; y++)
        {
            for (var x = 0; x < image.Width; x++)
            {
                var from = image.OffsetOf(x, y);
                var to = (y * planeWidth) + x;
                tensor[to] = (pixels[blueFirst ? from + 2 : from] - 127f) / 128f;
                tensor[plane + to] = (pixels[from + 1] - 127f) / 128f;
                tensor[(2 * plane) + to] = (pixels[blueFirst ? from : from + 2] - 127f) / 128f;
            }
        }
    }

    /// <summary>Luma in [0, 1) as grey/256, the landmark model's input (lib/fr_landmark.js).</summary>
    public static void GreyPlane(RgbImage image, Span<float> tensor)
    {
        var pixels = image.Pixels;
        for (int i = 0, p = 0; p < pixels.Length; i++, p += RgbImage.Channels)
        {
            var grey = (0.299f * pixels[p]) + (0.587f * pixels[p + 1]) + (0.114f * pixels[p + 2]);
            tensor[i] = MathF.Round(grey) / 256f;
        }
    }
}
