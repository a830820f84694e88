using System.Text;
using Grid.Faces.Imaging;
using Grid.Faces.Tests.Support;
using SkiaSharp;

namespace Grid.Faces.Tests.Imaging;

public sealed class ImageDecoderTests
{
    private readonly ImageDecoder decoder = new();

    [Fact]
    public void Zero_bytes_are_rejected_as_empty() =>
        AssertRejected(ImageRejectionReason.Empty, () => decoder.Decode([]));

    [Fact]
    public void A_text_file_is_not_an_image() =>
        AssertRejected(ImageRejectionReason.NotAnImage, () => decoder.Decode(Encoding.UTF8.GetBytes("subjectRef,case\nNL-123,2024/17\n")));

    [Fact]
    public void A_truncated_jpeg_is_rejected_as_truncated()
    {
        var jpeg = TestImages.Encode(TestImages.Gradient(640, 480), SKEncodedImageFormat.Jpeg);
        var cut = jpeg.AsSpan(0, jpeg.Length / 2).ToArray();
        AssertRejected(ImageRejectionReason.Truncated, () => decoder.Decode(cut));
    }

    [Fact]
    public void A_png_declaring_ten_gigapixels_is_refused_before_decoding() =>
        AssertRejected(ImageRejectionReason.TooManyPixels, () => decoder.Decode(TestImages.PngHeaderDeclaring(100_000, 100_000)));

    [Fact]
    public void Input_over_the_byte_limit_is_refused_before_decoding()
    {
        var png = TestImages.Encode(TestImages.Gradient(200, 200), SKEncodedImageFormat.Png);
        var small = new ImageDecoder(new ImageLimits(MaxBytes: png.Length - 1, MaxPixels: 40_000_000));
        AssertRejected(ImageRejectionReason.TooLarge, () => small.Decode(png));
        AssertRejected(ImageRejectionReason.TooLarge, () => small.Decode(new MemoryStream(png)));
    }

    [Fact]
    public void A_gif_is_an_unsupported_format()
    {
        // The smallest valid GIF: one transparent pixel.
        var gif = Convert.FromBase64String("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");
        AssertRejected(ImageRejectionReason.Unsupported, () => decoder.Decode(gif));
    }

    [Theory]
    [InlineData(SKEncodedImageFormat.Jpeg)]
    [InlineData(SKEncodedImageFormat.Png)]
    [InlineData(SKEncodedImageFormat.Webp)]
    public void Accepted_formats_decode_to_their_size(SKEncodedImageFormat format)
    {
        var decoded = decoder.Decode(TestImages.Encode(TestImages.Gradient(120, 80), format));
        Assert.Equal((120, 80), (decoded.Width, decoded.Height));
    }

    [Fact]
    public void Exif_orientation_6_turns_the_stored_pixels_upright()
    {
        // Stored 60×40 with a red block at the stored top-left; orientation 6 means "rotate 90° clockwise to view".
        var stored = TestImages.Gradient(60, 40);
        for (var y = 0; y < 10; y++)
        {
            for (var x = 0; x < 10; x++)
            {
                var at = stored.OffsetOf(x, y);
                (stored.Pixels[at], stored.Pixels[at + 1], stored.Pixels[at + 2]) = ((byte)255, (byte)0, (byte)0);
            }
        }
        var jpeg = TestImages.WithExifOrientation(TestImages.Encode(stored, SKEncodedImageFormat.Jpeg, 100), 6);

        var upright = decoder.Decode(jpeg);

        Assert.Equal((40, 60), (upright.Width, upright.Height));
        var topRight = upright.OffsetOf(upright.Width - 4, 3);
        Assert.True(upright.Pixels[topRight] > 200 && upright.Pixels[topRight + 1] < 60, "the red block should be at the upright top-right");
        var topLeft = upright.OffsetOf(3, 3);
        Assert.True(upright.Pixels[topLeft] < 200 || upright.Pixels[topLeft + 1] > 60, "the upright top-left is not red");
    }

    private static void AssertRejected(ImageRejectionReason expected, Action decode)
    {
        var error = Assert.Throws<ImageRejectedException>(decode);
        Assert.Equal(expected, error.Reason);
    }
}
