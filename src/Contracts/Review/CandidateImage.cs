namespace Grid.Contracts.Review;

/// <summary>A subject's reference face image as its owner attached it: JPEG or PNG bytes, size-capped, never indexed.</summary>
[GenerateSerializer, Immutable, Alias("grid.candidate-image")]
public sealed record CandidateImage(
    [property: Id(0)] string ContentType,
    [property: Id(1)] byte[] Bytes)
{
    public const string Jpeg = "image/jpeg";
    public const string Png = "image/png";

    /// <summary>The content type the bytes' signature shows (JPEG FF D8 FF, PNG 89 50 4E 47 0D 0A 1A 0A), or null.</summary>
    public static string? Sniff(ReadOnlySpan<byte> bytes) =>
        bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]) ? Jpeg
        : bytes.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) ? Png
        : null;
}
