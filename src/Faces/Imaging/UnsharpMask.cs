namespace Grid.Faces.Imaging;

/// <summary>
/// Unsharp masking: image + amount · (image − Gaussian(image, σ)), per channel, clamped; edges repeat the border pixel.
/// Used on soft (defocused) faces only, where it restores some of the edge contrast the models rely on.
/// </summary>
public static class UnsharpMask
{
    public static RgbImage Apply(RgbImage image, float sigma, float amount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sigma);
        var radius = (int)MathF.Ceiling(3 * sigma);
        var kernel = new float[(2 * radius) + 1];
        var sum = 0f;
        for (var i = -radius; i <= radius; i++)
        {
            sum += kernel[i + radius] = MathF.Exp(-(i * i) / (2 * sigma * sigma));
        }
        for (var i = 0; i < kernel.Length; i++)
        {
            kernel[i] /= sum;
        }
        int w = image.Width, h = image.Height, c = RgbImage.Channels;
        var src = image.Pixels;
        var horizontal = new float[src.Length];
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                for (var ch = 0; ch < c; ch++)
                {
                    var acc = 0f;
                    for (var k = -radius; k <= radius; k++)
                    {
                        acc += kernel[k + radius] * src[(((y * w) + Math.Clamp(x + k, 0, w - 1)) * c) + ch];
                    }
                    horizontal[(((y * w) + x) * c) + ch] = acc;
                }
            }
        }
        var result = new RgbImage(w, h);
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                for (var ch = 0; ch < c; ch++)
                {
                    var blurred = 0f;
                    for (var k = -radius; k <= radius; k++)
                    {
                        blurred += kernel[k + radius] * horizontal[(((Math.Clamp(y + k, 0, h - 1) * w) + x) * c) + ch];
                    }
                    var at = (((y * w) + x) * c) + ch;
                    result.Pixels[at] = (byte)Math.Clamp((int)MathF.Round(src[at] + (amount * (src[at] - blurred))), 0, 255);
                }
            }
        }
        return result;
    }
}
