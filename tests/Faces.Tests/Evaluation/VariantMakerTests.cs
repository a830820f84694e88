using Grid.Faces.Evaluation.Variants;
using Grid.Faces.Tests.Support;

namespace Grid.Faces.Tests.Evaluation;

/// <summary>The harder set's recipes, on a synthetic picture (no models or photos needed).</summary>
public sealed class VariantMakerTests
{
    private static readonly Grid.Faces.Imaging.RgbImage Picture = TestImages.Gradient(200, 160);

    [Theory]
    [InlineData(ImageVariant.Downscaled)]
    [InlineData(ImageVariant.RotatedLeft)]
    [InlineData(ImageVariant.RotatedRight)]
    [InlineData(ImageVariant.Blurred)]
    [InlineData(ImageVariant.Dark)]
    [InlineData(ImageVariant.LowContrast)]
    [InlineData(ImageVariant.Jpeg)]
    [InlineData(ImageVariant.Occluded)]
    public void Every_variant_is_deterministic_keeps_the_size_and_changes_the_picture(ImageVariant variant)
    {
        var first = VariantMaker.Make(variant, Picture, mainFace: null);
        var second = VariantMaker.Make(variant, Picture, mainFace: null);

        Assert.Equal((Picture.Width, Picture.Height), (first.Width, first.Height));
        Assert.Equal(first.Pixels, second.Pixels);
        Assert.NotEqual(Picture.Pixels, first.Pixels);
    }

    [Fact]
    public void Clean_is_the_photo_itself()
    {
        Assert.Same(Picture, VariantMaker.Make(ImageVariant.Clean, Picture, null));
    }

    [Fact]
    public void Dark_and_low_contrast_narrow_the_tonal_range_as_named()
    {
        var dark = VariantMaker.Make(ImageVariant.Dark, Picture, null);
        var flat = VariantMaker.Make(ImageVariant.LowContrast, Picture, null);

        Assert.True(dark.Pixels.Max() <= 64);
        Assert.InRange(flat.Pixels.Min(), 89, 128);
        Assert.InRange(flat.Pixels.Max(), 128, 167);
    }
}
