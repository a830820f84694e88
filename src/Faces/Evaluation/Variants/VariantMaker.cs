using Grid.Faces.Imaging;
using Grid.Faces.Landmarks;
using SkiaSharp;

namespace Grid.Faces.Evaluation.Variants;

/// <summary>
/// Makes the degraded copies of the harder evaluation set with SkiaSharp's CPU raster (deterministic
/// on a given build). Each recipe is sized from the main face found on the clean photo; photos with no
/// face (negatives) use a face-sized guess of a seventh of the shorter side.
/// </summary>
public static class VariantMaker
{
    /// <summary>Downscaled: shrunk until the eyes are this far apart, then scaled back up (a distant or low-resolution camera).</summary>
    public const float DownscaledEyePixels = 14f;

    /// <summary>Rotated: in-plane roll, to the left (positive, counter-clockwise) or right.</summary>
    public const float RotationDegrees = 15f;

    /// <summary>Blurred: Gaussian sigma as a share of the inter-eye distance (≈ 3 px at LFW's 35 px): defocus or motion.</summary>
    public const float BlurSigmaPerEyeDistance = 1f / 12;

    /// <summary>Dark: every channel times this (under-exposure; the 8-bit quantisation keeps only 64 levels).</summary>
    public const float DarkGain = 0.25f;

    /// <summary>Low contrast: deviations from mid-grey times this (haze, a photo of a screen or print).</summary>
    public const float LowContrastGain = 0.3f;

    /// <summary>JPEG re-compression quality (0–100): heavy blocking, as in forwarded messenger photos.</summary>
    public const int JpegQuality = 10;

    public static string Name(ImageVariant variant) => variant switch
    {
        ImageVariant.Clean => "clean",
        ImageVariant.Downscaled => $"downscaled ({DownscaledEyePixels:0} px eyes, re-upscaled)",
        ImageVariant.RotatedLeft => $"rotated +{RotationDegrees:0}°",
        ImageVariant.RotatedRight => $"rotated −{RotationDegrees:0}°",
        ImageVariant.Blurred => "Gaussian blur (σ = eyes/12)",
        ImageVariant.Dark => $"dark (×{DarkGain:0.00})",
        ImageVariant.LowContrast => $"low contrast (×{LowContrastGain:0.0})",
        ImageVariant.Jpeg => $"JPEG quality {JpegQuality}",
        ImageVariant.Occluded => "bar over the lower face",
        _ => variant.ToString(),
    };

    /// <param name="clean">The upright photo.</param>
    /// <param name="mainFace">Landmarks of the photo's main face on <paramref name="clean"/>, or null (no face).</param>
    public static RgbImage Make(ImageVariant variant, RgbImage clean, FaceLandmarks? mainFace)
    {
        var eyes = mainFace?.InterEyeDistance ?? Math.Min(clean.Width, clean.Height) / 7f;
        return variant switch
        {
            ImageVariant.Clean => clean,
            ImageVariant.Downscaled => Downscaled(clean, eyes),
            ImageVariant.RotatedLeft => Rotated(clean, -RotationDegrees),
            ImageVariant.RotatedRight => Rotated(clean, RotationDegrees),
            ImageVariant.Blurred => Blurred(clean, eyes * BlurSigmaPerEyeDistance),
            ImageVariant.Dark => Mapped(clean, v => v * DarkGain),
            ImageVariant.LowContrast => Mapped(clean, v => 128 + ((v - 128) * LowContrastGain)),
            ImageVariant.Jpeg => Jpeg(clean, JpegQuality),
            ImageVariant.Occluded => Occluded(clean, mainFace),
            _ => throw new ArgumentOutOfRangeException(nameof(variant), variant, null),
        };
    }

    private static RgbImage Downscaled(RgbImage clean, float eyes)
    {
        var factor = Math.Clamp(DownscaledEyePixels / eyes, 0.05f, 0.7f);
        var small = SkiaBitmaps.Render(clean, Math.Max(1, (int)MathF.Round(clean.Width * factor)), Math.Max(1, (int)MathF.Round(clean.Height * factor)),
            (canvas, image) => canvas.DrawImage(image, new SKRect(0, 0, canvas.DeviceClipBounds.Width, canvas.DeviceClipBounds.Height),
                new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear)));
        return SkiaBitmaps.Render(small, clean.Width, clean.Height,
            (canvas, image) => canvas.DrawImage(image, new SKRect(0, 0, clean.Width, clean.Height), new SKSamplingOptions(SKFilterMode.Linear)));
    }

    // SkiaSharp's y axis points down, so a negative angle turns the picture counter-clockwise as seen.
    private static RgbImage Rotated(RgbImage clean, float degrees) =>
        SkiaBitmaps.Render(clean, clean.Width, clean.Height, (canvas, image) =>
        {
            canvas.RotateDegrees(degrees, clean.Width / 2f, clean.Height / 2f);
            canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Linear));
        });

    private static RgbImage Blurred(RgbImage clean, float sigma) =>
        SkiaBitmaps.Render(clean, clean.Width, clean.Height, (canvas, image) =>
        {
            using var paint = new SKPaint { ImageFilter = SKImageFilter.CreateBlur(sigma, sigma, SKShaderTileMode.Clamp) };
            canvas.DrawImage(image, 0, 0, paint);
        });

    private static RgbImage Mapped(RgbImage clean, Func<float, float> map)
    {
        var table = new byte[256];
        for (var v = 0; v < 256; v++)
        {
            table[v] = (byte)Math.Clamp((int)MathF.Round(map(v)), 0, 255);
        }
        var result = new RgbImage(clean.Width, clean.Height);
        for (var i = 0; i < clean.Pixels.Length; i++)
        {
            result.Pixels[i] = table[clean.Pixels[i]];
        }
        return result;
    }

    private static RgbImage Jpeg(RgbImage clean, int quality)
    {
        using var bitmap = SkiaBitmaps.ToBitmap(clean);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, quality);
        using var decoded = SKBitmap.Decode(data);
        return SkiaBitmaps.FromBitmap(decoded);
    }

    /// <summary>A dark grey bar from just below the nose to under the chin, across the jaw (a scarf or mask);
    /// without a face, across the lower middle of the photo.</summary>
    private static RgbImage Occluded(RgbImage clean, FaceLandmarks? face)
    {
        SKRect bar;
        if (face is null)
        {
            bar = new SKRect(clean.Width * 0.3f, clean.Height * 0.55f, clean.Width * 0.7f, clean.Height * 0.8f);
        }
        else
        {
            var p = face.Points;
            var top = (p[30].Y + p[33].Y) / 2;
            var chin = p[8].Y;
            var left = Math.Min(p[2].X, p[3].X);
            var right = Math.Max(p[14].X, p[13].X);
            var margin = (right - left) * 0.1f;
            bar = new SKRect(left - margin, top, right + margin, chin + ((chin - top) * 0.15f));
        }
        return SkiaBitmaps.Render(clean, clean.Width, clean.Height, (canvas, image) =>
        {
            canvas.DrawImage(image, 0, 0);
            using var paint = new SKPaint { Color = new SKColor(40, 40, 40), IsAntialias = false };
            canvas.DrawRect(bar, paint);
        });
    }
}
