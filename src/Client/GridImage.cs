namespace Grid.Client;

/// <summary>A face image as the grid returned it: <see cref="ContentType"/> is image/jpeg or image/png.</summary>
public sealed record GridImage(string ContentType, byte[] Bytes)
{
    /// <summary>The content type the bytes' signature shows (JPEG FF D8 FF, PNG 89 50 4E 47 0D 0A 1A 0A), or null.</summary>
    public static string? Sniff(ReadOnlySpan<byte> bytes) =>
        bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]) ? "image/jpeg"
        : bytes.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) ? "image/png"
        : null;

    /// <summary>The file extension for <see cref="ContentType"/>.</summary>
    public string Extension => ContentType == "image/png" ? ".png" : ".jpg";
}
