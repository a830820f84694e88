using Grid.Faces.Imaging;
using SkiaSharp;

namespace Grid.Faces.Tests.Support;

/// <summary>Synthetic images made in memory, so the bad-input tests need no files.</summary>
public static class TestImages
{
    /// <summary>A smooth colour gradient: a valid photo with no face in it.</summary>
    public static RgbImage Gradient(int width, int height)
    {
        var image = new RgbImage(width, height);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var at = image.OffsetOf(x, y);
                image.Pixels[at] = (byte)(255 * x / width);
                image.Pixels[at + 1] = (byte)(255 * y / height);
                image.Pixels[at + 2] = 90;
            }
        }
        return image;
    }

    public static byte[] Encode(RgbImage image, SKEncodedImageFormat format, int quality = 92)
    {
        using var decoded = SKImage.FromEncodedData(image.ToPng());
        using var data = decoded.Encode(format, quality);
        return data.ToArray();
    }

    /// <summary>
    /// The JPEG with an EXIF APP1 segment right after SOI carrying only the orientation tag (TIFF
    /// big-endian, one IFD entry 0x0112 SHORT = <paramref name="orientation"/>).
    /// </summary>
    public static byte[] WithExifOrientation(byte[] jpeg, ushort orientation)
    {
        byte[] tiff =
        [
            (byte)'M', (byte)'M', 0x00, 0x2A, 0x00, 0x00, 0x00, 0x08, // header, IFD at offset 8
            0x00, 0x01,                                                // one entry
            0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01,            // Orientation, SHORT, count 1
            (byte)(orientation >> 8), (byte)orientation, 0x00, 0x00,   // value, padded
            0x00, 0x00, 0x00, 0x00,                                    // no next IFD
        ];
        var payload = "Exif\0\0"u8.ToArray().Concat(tiff).ToArray();
        var length = payload.Length + 2;
        var segment = new byte[] { 0xFF, 0xE1, (byte)(length >> 8), (byte)length }.Concat(payload);
        return jpeg.Take(2).Concat(segment).Concat(jpeg.Skip(2)).ToArray();
    }

    /// <summary>
    /// A decompression bomb's shape: a valid PNG header (IHDR with a correct CRC) declaring the given
    /// size, then a tiny IDAT and IEND. Decoding it would need width·height·4 bytes.
    /// </summary>
    public static byte[] PngHeaderDeclaring(uint width, uint height)
    {
        var png = new List<byte> { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A };
        byte[] header = [.. BigEndian(width), .. BigEndian(height), 8, 2, 0, 0, 0]; // 8-bit RGB
        AddChunk(png, "IHDR", header);
        AddChunk(png, "IDAT", [0x78, 0x9C, 0x63, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01]); // zlib of one zero byte
        AddChunk(png, "IEND", []);
        return [.. png];
    }

    private static void AddChunk(List<byte> png, string type, byte[] data)
    {
        byte[] typed = [.. System.Text.Encoding.ASCII.GetBytes(type), .. data];
        png.AddRange(BigEndian((uint)data.Length));
        png.AddRange(typed);
        png.AddRange(BigEndian(Crc32(typed)));
    }

    private static byte[] BigEndian(uint value) => [(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value];

    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }
        return ~crc;
    }
}
