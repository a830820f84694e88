namespace Grid.Faces.Imaging;

/// <summary>
/// Resizes a rectangle of an image with a separable tent filter whose support widens with the
/// shrink factor, so large photos shrink without aliasing (plain bilinear skips most source pixels).
/// Output pixels whose centre falls outside the source are black, like a constant-border warp.
/// </summary>
public static class ImageResampler
{
    public static RgbImage Resize(RgbImage source, int width, int height) =>
        ResizeRegion(source, 0, 0, source.Width, source.Height, width, height);

    /// <summary>Samples the source rectangle (x, y, regionWidth, regionHeight), which may extend past the edges, into width×height.</summary>
    public static RgbImage ResizeRegion(RgbImage source, float x, float y, float regionWidth, float regionHeight, int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        var columns = FilterTaps.Build(x, regionWidth / width, width, source.Width);
        var rows = FilterTaps.Build(y, regionHeight / height, height, source.Height);

        // Horizontal pass over only the source rows the vertical pass will read.
        var firstRow = rows.FirstSourceIndex;
        var rowCount = Math.Max(0, rows.LastSourceIndex - firstRow + 1);
        var horizontal = new float[rowCount * width * RgbImage.Channels];
        var src = source.Pixels;
        for (var r = 0; r < rowCount; r++)
        {
            var srcRow = (firstRow + r) * source.Width * RgbImage.Channels;
            var dstRow = r * width * RgbImage.Channels;
            for (var i = 0; i < width; i++)
            {
                float red = 0, green = 0, blue = 0;
                for (var t = columns.Start[i]; t < columns.Start[i + 1]; t++)
                {
                    var at = srcRow + (columns.Index[t] * RgbImage.Channels);
                    var w = columns.Weight[t];
                    red += src[at] * w;
                    green += src[at + 1] * w;
                    blue += src[at + 2] * w;
                }
                var to = dstRow + (i * RgbImage.Channels);
                horizontal[to] = red;
                horizontal[to + 1] = green;
                horizontal[to + 2] = blue;
            }
        }

        var result = new RgbImage(width, height);
        var stride = width * RgbImage.Channels;
        for (var j = 0; j < height; j++)
        {
            AccumulateRow(horizontal, rows, j, firstRow, stride, result.Pixels, j * stride);
        }
        return result;
    }

    private static void AccumulateRow(float[] horizontal, FilterTaps rows, int j, int firstRow, int stride, byte[] dst, int dstRow)
    {
        Span<float> sum = stride <= 4096 ? stackalloc float[stride] : new float[stride];
        sum.Clear();
        for (var t = rows.Start[j]; t < rows.Start[j + 1]; t++)
        {
            var from = horizontal.AsSpan((rows.Index[t] - firstRow) * stride, stride);
            var w = rows.Weight[t];
            for (var k = 0; k < stride; k++)
            {
                sum[k] += from[k] * w;
            }
        }
        for (var k = 0; k < stride; k++)
        {
            dst[dstRow + k] = (byte)Math.Clamp((int)(sum[k] + 0.5f), 0, 255);
        }
    }
}
