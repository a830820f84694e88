using Grid.Faces.Imaging;
using SkiaSharp;

namespace Grid.Faces.Tests.Imaging;

public sealed class ExifOrientationTests
{
    // A stored 3×2 image whose pixels are numbered 1..6 row by row:
    //   1 2 3
    //   4 5 6
    // and how each orientation must show it upright (TIFF 6.0 / EXIF 2.3 definitions).
    public static TheoryData<SKEncodedOrigin, int[][]> Cases => new()
    {
        { SKEncodedOrigin.TopLeft, [[1, 2, 3], [4, 5, 6]] },
        { SKEncodedOrigin.TopRight, [[3, 2, 1], [6, 5, 4]] },
        { SKEncodedOrigin.BottomRight, [[6, 5, 4], [3, 2, 1]] },
        { SKEncodedOrigin.BottomLeft, [[4, 5, 6], [1, 2, 3]] },
        { SKEncodedOrigin.LeftTop, [[1, 4], [2, 5], [3, 6]] },
        { SKEncodedOrigin.RightTop, [[4, 1], [5, 2], [6, 3]] },
        { SKEncodedOrigin.RightBottom, [[6, 3], [5, 2], [4, 1]] },
        { SKEncodedOrigin.LeftBottom, [[3, 6], [2, 5], [1, 4]] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_orientation_shows_the_stored_pixels_upright(SKEncodedOrigin origin, int[][] expectedRows)
    {
        var stored = new RgbImage(3, 2, Enumerable.Range(1, 6).SelectMany(v => new[] { (byte)v, (byte)0, (byte)0 }).ToArray());

        var upright = ExifOrientation.Apply(stored, origin);

        var rows = Enumerable.Range(0, upright.Height)
            .Select(y => Enumerable.Range(0, upright.Width).Select(x => (int)upright.Pixels[upright.OffsetOf(x, y)]).ToArray())
            .ToArray();
        Assert.Equal(expectedRows, rows);
    }
}
