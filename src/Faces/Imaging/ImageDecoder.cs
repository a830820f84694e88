using SkiaSharp;

namespace Grid.Faces.Imaging;

/// <summary>
/// Decodes JPEG, PNG, WebP and BMP with SkiaSharp into an upright <see cref="RgbImage"/>.
/// Size limits are checked on the encoded bytes and on the header's declared dimensions before any
/// pixel is decoded; every refusal is an <see cref="ImageRejectedException"/> with a reason.
/// </summary>
public sealed class ImageDecoder(ImageLimits limits)
{
    private static readonly HashSet<SKEncodedImageFormat> AcceptedFormats =
        [SKEncodedImageFormat.Jpeg, SKEncodedImageFormat.Png, SKEncodedImageFormat.Webp, SKEncodedImageFormat.Bmp];

    public ImageDecoder() : this(ImageLimits.Default)
    {
    }

    public ImageLimits Limits { get; } = limits;

    public RgbImage Decode(ReadOnlySpan<byte> encoded) => DecodeScaled(encoded, null).Image;

    /// <summary>
    /// Decodes at the smallest size a JPEG's decoder offers (n/8 of each side, the scaling done in the inverse DCT, so
    /// the cost falls with the size) that is still at least <paramref name="minimumSize"/>(upright width, height) of the
    /// upright photo; other formats, and a null <paramref name="minimumSize"/>, decode at full size. The limits are
    /// checked on the full size declared in the header either way.
    /// </summary>
    public ScaledPhoto DecodeScaled(ReadOnlySpan<byte> encoded, Func<int, int, (int Width, int Height)>? minimumSize)
    {
        if (encoded.IsEmpty)
        {
            throw new ImageRejectedException(ImageRejectionReason.Empty, "the input has zero bytes");
        }
        if (encoded.Length > Limits.MaxBytes)
        {
            throw TooLarge(encoded.Length);
        }
        using var data = SKData.CreateCopy(encoded);
        using var codec = SKCodec.Create(new SKMemoryStream(data), out var openResult)
            ?? throw OpenFailure(encoded, openResult);
        if (!AcceptedFormats.Contains(codec.EncodedFormat))
        {
            throw new ImageRejectedException(ImageRejectionReason.Unsupported, $"{codec.EncodedFormat} is not accepted; send JPEG, PNG, WebP or BMP");
        }
        var declared = codec.Info;
        if (declared.Width <= 0 || declared.Height <= 0)
        {
            throw new ImageRejectedException(ImageRejectionReason.Corrupt, $"the header declares {declared.Width}x{declared.Height} pixels");
        }
        if ((long)declared.Width * declared.Height > Limits.MaxPixels)
        {
            throw new ImageRejectedException(ImageRejectionReason.TooManyPixels,
                $"the header declares {declared.Width}x{declared.Height} pixels, over the limit of {Limits.MaxPixels}");
        }
        var origin = codec.EncodedOrigin;
        var swapsAxes = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var (uprightWidth, uprightHeight) = swapsAxes ? (declared.Height, declared.Width) : (declared.Width, declared.Height);
        var size = new SKSizeI(declared.Width, declared.Height);
        if (minimumSize is not null && codec.EncodedFormat == SKEncodedImageFormat.Jpeg)
        {
            var (minWidth, minHeight) = minimumSize(uprightWidth, uprightHeight);
            var (storedMinWidth, storedMinHeight) = swapsAxes ? (minHeight, minWidth) : (minWidth, minHeight);
            for (var eighths = 1; eighths < 8; eighths++)
            {
                var scaled = codec.GetScaledDimensions(eighths / 8f);
                if (scaled.Width >= storedMinWidth && scaled.Height >= storedMinHeight)
                {
                    size = scaled;
                    break;
                }
            }
        }
        var stored = DecodePixels(codec, size.Width, size.Height);
        return new ScaledPhoto(ExifOrientation.Apply(stored, origin), uprightWidth, uprightHeight);
    }

    public RgbImage Decode(Stream stream) => Decode(ReadAll(stream));

    /// <summary>The stream's bytes, refused once they pass <see cref="ImageLimits.MaxBytes"/>.</summary>
    public byte[] ReadAll(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > Limits.MaxBytes)
            {
                throw TooLarge(buffer.Length + read);
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    public RgbImage DecodeFile(string path) => Decode(ReadFile(path));

    /// <summary>The file's bytes, refused without reading when it is over <see cref="ImageLimits.MaxBytes"/>.</summary>
    public byte[] ReadFile(string path)
    {
        var length = new FileInfo(path).Length;
        if (length > Limits.MaxBytes)
        {
            throw TooLarge(length);
        }
        return File.ReadAllBytes(path);
    }

    private ImageRejectedException TooLarge(long length) =>
        new(ImageRejectionReason.TooLarge, $"{length} bytes or more, over the limit of {Limits.MaxBytes}");

    private static RgbImage DecodePixels(SKCodec codec, int width, int height)
    {
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        using var bitmap = new SKBitmap(info);
        var result = codec.GetPixels(info, bitmap.GetPixels());
        switch (result)
        {
            case SKCodecResult.Success:
                break;
            case SKCodecResult.IncompleteInput:
                throw new ImageRejectedException(ImageRejectionReason.Truncated, "the image data ends before the last row");
            case SKCodecResult.ErrorInInput:
            case SKCodecResult.InvalidInput:
                throw new ImageRejectedException(ImageRejectionReason.Corrupt, $"the image data is damaged ({result})");
            default:
                throw new ImageRejectedException(ImageRejectionReason.Unsupported, $"this variant of {codec.EncodedFormat} cannot be decoded ({result})");
        }
        return FromRgba(bitmap.GetPixelSpan(), width, height, bitmap.RowBytes);
    }

    /// <summary>Drops alpha by compositing over white, as a viewer shows a transparent PNG.</summary>
    private static RgbImage FromRgba(ReadOnlySpan<byte> rgba, int width, int height, int rowBytes)
    {
        var image = new RgbImage(width, height);
        var pixels = image.Pixels.AsSpan();
        for (var y = 0; y < height; y++)
        {
            var row = rgba.Slice(y * rowBytes, width * 4);
            var to = pixels.Slice(y * width * RgbImage.Channels, width * RgbImage.Channels);
            var opaqueUpTo = RgbaPacking.PackOpaque(row, to);
            for (var x = opaqueUpTo; x < width; x++)
            {
                var a = row[(x * 4) + 3];
                for (var c = 0; c < RgbImage.Channels; c++)
                {
                    var v = row[(x * 4) + c];
                    to[(x * RgbImage.Channels) + c] = a == 255 ? v : (byte)(((v * a) + (255 * (255 - a)) + 127) / 255);
                }
            }
        }
        return image;
    }

    private static ImageRejectedException OpenFailure(ReadOnlySpan<byte> encoded, SKCodecResult result)
    {
        if (!ImageSignature.LooksLikeImage(encoded))
        {
            return new ImageRejectedException(ImageRejectionReason.NotAnImage, "the data does not start like any image format");
        }
        var reason = result switch
        {
            SKCodecResult.IncompleteInput => ImageRejectionReason.Truncated,
            SKCodecResult.Unimplemented => ImageRejectionReason.Unsupported,
            _ => ImageRejectionReason.Corrupt,
        };
        return new ImageRejectedException(reason, $"the image header cannot be read ({result})");
    }
}
