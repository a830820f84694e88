using Grid.Faces.Imaging;

namespace Grid.Faces.Tests.Imaging;

public sealed class RgbaPackingTests
{
    [Theory]
    [InlineData(1, -1)]
    [InlineData(7, -1)]
    [InlineData(37, -1)]
    [InlineData(37, 0)]
    [InlineData(37, 9)]
    [InlineData(37, 36)]
    public void Packs_opaque_pixels_and_stops_at_the_first_translucent_one(int width, int translucentAt)
    {
        var random = new Random(width * 100 + translucentAt);
        var rgba = new byte[width * 4];
        random.NextBytes(rgba);
        for (var x = 0; x < width; x++)
        {
            rgba[(x * 4) + 3] = x == translucentAt ? (byte)128 : (byte)255;
        }
        var rgb = new byte[width * 3];
        var packed = RgbaPacking.PackOpaque(rgba, rgb);
        Assert.Equal(translucentAt < 0 ? width : translucentAt, packed);
        for (var x = 0; x < packed; x++)
        {
            Assert.Equal(rgba.AsSpan(x * 4, 3).ToArray(), rgb.AsSpan(x * 3, 3).ToArray());
        }
    }
}
