using Grid.Faces.Imaging;

namespace Grid.Faces.Tests.Imaging;

public sealed class UnsharpMaskTests
{
    [Fact]
    public void A_flat_image_is_unchanged()
    {
        var flat = new RgbImage(16, 16);
        Array.Fill(flat.Pixels, (byte)90);
        Assert.Equal(flat.Pixels, UnsharpMask.Apply(flat, 2f, 2f).Pixels);
    }

    [Fact]
    public void A_soft_edge_gets_steeper_and_stays_in_range()
    {
        // A ramp from 60 to 180 over 8 pixels: sharpening overshoots on both sides and steepens the middle.
        var ramp = new RgbImage(32, 4);
        for (var y = 0; y < 4; y++)
        {
            for (var x = 0; x < 32; x++)
            {
                var v = (byte)Math.Clamp(60 + ((x - 12) * 15), 60, 180);
                ramp.Pixels.AsSpan(ramp.OffsetOf(x, y), 3).Fill(v);
            }
        }
        var sharp = UnsharpMask.Apply(ramp, 2f, 2f);
        int At(RgbImage i, int x) => i.Pixels[i.OffsetOf(x, 2)];
        Assert.True(At(sharp, 18) - At(sharp, 14) > At(ramp, 18) - At(ramp, 14));
        Assert.True(At(sharp, 11) < 60 && At(sharp, 21) > 180);
        Assert.Equal(At(ramp, 0), At(sharp, 0));
    }
}
