using Grid.Faces.Imaging;
using Grid.Faces.Tests.Support;

namespace Grid.Faces.Tests.Quality;

public sealed class ContrastStretchTests
{
    [Fact]
    public void A_photo_with_an_ordinary_range_is_left_alone()
    {
        var picture = TestImages.Gradient(64, 64);
        Assert.Same(picture, ContrastStretch.IfNarrow(picture));
    }

    [Fact]
    public void A_washed_out_photo_is_spread_over_the_full_range_keeping_the_order_of_tones()
    {
        var flat = new RgbImage(100, 1);
        for (var x = 0; x < 100; x++)
        {
            flat.Pixels.AsSpan(x * 3, 3).Fill((byte)(100 + (x / 2)));
        }

        var stretched = ContrastStretch.IfNarrow(flat);

        Assert.NotSame(flat, stretched);
        Assert.True(stretched.Pixels.Min() <= 5 && stretched.Pixels.Max() >= 250, $"{stretched.Pixels.Min()}..{stretched.Pixels.Max()}");
        for (var i = 3; i < stretched.Pixels.Length; i += 3)
        {
            Assert.True(stretched.Pixels[i] >= stretched.Pixels[i - 3]);
        }
    }
}
