using Grid.Faces.Imaging;
using Grid.Faces.Landmarks;

namespace Grid.Faces.Alignment;

/// <summary>
/// Warps a face to the 112×112 ArcFace crop with the least-squares similarity of its five points
/// onto the reference (the package's three-point affine shears faces and matches far worse).
/// A face much larger than the crop is first shrunk with a proper filter, so the bilinear warp
/// does not alias.
/// </summary>
public static class FaceAligner
{
    /// <summary>Above this shrink factor the warp would skip source pixels; pre-shrink instead.</summary>
    private const double MaxDirectShrink = 1.5;

    public static RgbImage Align(RgbImage photo, FaceLandmarks landmarks) =>
        Align(photo, SimilarityTransform.Estimate(landmarks.FivePoints, ArcFaceReference.FivePoints));

    public static RgbImage Align(RgbImage photo, SimilarityTransform photoToCrop)
    {
        var shrink = 1 / photoToCrop.Scale;
        if (shrink <= MaxDirectShrink)
        {
            return Warp(photo, photoToCrop.Inverse());
        }

        // Shrink only the part of the photo the crop covers, then warp from that.
        var cropToPhoto = photoToCrop.Inverse();
        var corners = new[] { new FacePoint(0, 0), new FacePoint(ArcFaceReference.Size, 0), new FacePoint(0, ArcFaceReference.Size), new FacePoint(ArcFaceReference.Size, ArcFaceReference.Size) }
            .Select(cropToPhoto.Apply).ToArray();
        var left = MathF.Floor(corners.Min(c => c.X)) - 2;
        var top = MathF.Floor(corners.Min(c => c.Y)) - 2;
        var width = MathF.Ceiling(corners.Max(c => c.X)) + 2 - left;
        var height = MathF.Ceiling(corners.Max(c => c.Y)) + 2 - top;
        var factor = 1 / shrink;
        var regionWidth = Math.Max(1, (int)Math.Ceiling(width * factor));
        var regionHeight = Math.Max(1, (int)Math.Ceiling(height * factor));
        var region = ImageResampler.ResizeRegion(photo, left, top, width, height, regionWidth, regionHeight);

        // Region pixel centre (i + 0.5) maps to photo left + (i + 0.5) · width / regionWidth.
        var sx = width / regionWidth;
        var sy = height / regionHeight;
        var regionToPhotoScale = (sx + sy) / 2;
        var regionToPhoto = new SimilarityTransform(regionToPhotoScale, 0, left + (0.5 * sx) - 0.5, top + (0.5 * sy) - 0.5);
        return Warp(region, regionToPhoto.Inverse().After(cropToPhoto));
    }

    /// <summary>Bilinear sampling of each crop pixel at its pre-image; outside the source is black.</summary>
    private static RgbImage Warp(RgbImage source, SimilarityTransform cropToSource)
    {
        var crop = new RgbImage(ArcFaceReference.Size, ArcFaceReference.Size);
        var src = source.Pixels;
        var dst = crop.Pixels;
        for (var v = 0; v < ArcFaceReference.Size; v++)
        {
            for (var u = 0; u < ArcFaceReference.Size; u++)
            {
                var p = cropToSource.Apply(new FacePoint(u, v));
                var x0 = (int)MathF.Floor(p.X);
                var y0 = (int)MathF.Floor(p.Y);
                var fx = p.X - x0;
                var fy = p.Y - y0;
                var to = crop.OffsetOf(u, v);
                for (var c = 0; c < RgbImage.Channels; c++)
                {
                    var top = Lerp(Sample(source, src, x0, y0, c), Sample(source, src, x0 + 1, y0, c), fx);
                    var bottom = Lerp(Sample(source, src, x0, y0 + 1, c), Sample(source, src, x0 + 1, y0 + 1, c), fx);
                    dst[to + c] = (byte)Math.Clamp((int)(Lerp(top, bottom, fy) + 0.5f), 0, 255);
                }
            }
        }
        return crop;
    }

    private static float Lerp(float a, float b, float t) => a + ((b - a) * t);

    private static float Sample(RgbImage image, byte[] pixels, int x, int y, int channel) =>
        x < 0 || y < 0 || x >= image.Width || y >= image.Height ? 0f : pixels[image.OffsetOf(x, y) + channel];
}
