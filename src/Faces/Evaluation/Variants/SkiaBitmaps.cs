using Grid.Faces.Imaging;
using SkiaSharp;

namespace Grid.Faces.Evaluation.Variants;

/// <summary>Copies between <see cref="RgbImage"/> and opaque RGBA SkiaSharp bitmaps.</summary>
internal static class SkiaBitmaps
{
    public static SKBitmap ToBitmap(RgbImage image)
    {
        var bitmap = new SKBitmap(new SKImageInfo(image.Width, image.Height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        var rgba = bitmap.GetPixelSpan();
        var rowBytes = bitmap.RowBytes;
        for (var y = 0; y < image.Height; y++)
        {
            for (var x = 0; x < image.Width; x++)
            {
                var from = image.OffsetOf(x, y);
                var to = (y * rowBytes) + (x * 4);
                rgba[to] = image.Pixels[from];
                rgba[to + 1] = image.Pixels[from + 1];
                rgba[to + 2] = image.Pixels[from + 2];
                rgba[to + 3] = 255;
            }
        }
        return bitmap;
    }

    public static RgbImage FromBitmap(SKBitmap bitmap)
    {
        using var converted = bitmap.ColorType == SKColorType.Rgba8888 ? null : bitmap.Copy(SKColorType.Rgba8888);
        var source = converted ?? bitmap;
        var image = new RgbImage(source.Width, source.Height);
        var rgba = source.GetPixelSpan();
        for (var y = 0; y < source.Height; y++)
        {
            for (var x = 0; x < source.Width; x++)
            {
                var from = (y * source.RowBytes) + (x * 4);
                var to = image.OffsetOf(x, y);
                image.Pixels[to] = rgba[from];
                image.Pixels[to + 1] = rgba[from + 1];
                image.Pixels[to + 2] = rgba[from + 2];
            }
        }
        return image;
    }

    /// <summary>Draws <paramref name="source"/> onto a black canvas of the given size through <paramref name="draw"/>.</summary>
    public static RgbImage Render(RgbImage source, int width, int height, Action<SKCanvas, SKImage> draw)
    {
        using var bitmap = ToBitmap(source);
        using var image = SKImage.FromBitmap(bitmap);
        using var target = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(target))
        {
            canvas.Clear(SKColors.Black);
            draw(canvas, image);
        }
        return FromBitmap(target);
    }
}
