namespace Grid.Faces.Imaging;

/// <summary>
/// Recognises the leading bytes of common image formats, to tell "a damaged image" from "not an image
/// at all" when the codec refuses both alike.
/// </summary>
internal static class ImageSignature
{
    private static readonly byte[][] Prefixes =
    [
        [0xFF, 0xD8, 0xFF],                               // JPEG
        [0x89, (byte)'P', (byte)'N', (byte)'G'],          // PNG
        [(byte)'G', (byte)'I', (byte)'F', (byte)'8'],     // GIF
        [(byte)'B', (byte)'M'],                           // BMP
        [(byte)'I', (byte)'I', 0x2A, 0x00],               // TIFF, little-endian
        [(byte)'M', (byte)'M', 0x00, 0x2A],               // TIFF, big-endian
        [0x00, 0x00, 0x01, 0x00],                         // ICO
    ];

    public static bool LooksLikeImage(ReadOnlySpan<byte> data)
    {
        foreach (var prefix in Prefixes)
        {
            if (data.StartsWith(prefix))
            {
                return true;
            }
        }
        return IsRiffWebp(data) || IsIsoMediaImage(data);
    }

    private static bool IsRiffWebp(ReadOnlySpan<byte> data) =>
        data.Length >= 12 && data[..4].SequenceEqual("RIFF"u8) && data.Slice(8, 4).SequenceEqual("WEBP"u8);

    // HEIF / AVIF: an ISO media 'ftyp' box at offset 4.
    private static bool IsIsoMediaImage(ReadOnlySpan<byte> data) =>
        data.Length >= 12 && data.Slice(4, 4).SequenceEqual("ftyp"u8);
}
