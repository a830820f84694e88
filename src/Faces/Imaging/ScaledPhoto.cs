using Grid.Faces.Detection;
using Grid.Faces.Landmarks;

namespace Grid.Faces.Imaging;

/// <summary>A photo decoded at a reduced size, with the upright size it has at full resolution.</summary>
public sealed record ScaledPhoto(RgbImage Image, int FullWidth, int FullHeight)
{
    public bool IsFullSize => Image.Width == FullWidth && Image.Height == FullHeight;

    /// <summary>Full-size pixels per decoded pixel, across and down (≥ 1).</summary>
    public float ScaleX => (float)FullWidth / Image.Width;

    public float ScaleY => (float)FullHeight / Image.Height;

    /// <summary>A point of the decoded image (pixel centres at integers, as the alignment samples) in full-size pixels.</summary>
    public FacePoint ToFullSize(FacePoint p) => new(((p.X + 0.5f) * ScaleX) - 0.5f, ((p.Y + 0.5f) * ScaleY) - 0.5f);

    /// <summary>A box of the decoded image (edges, as the detector reports them) in full-size pixels.</summary>
    public FaceBox ToFullSize(FaceBox box) => new(box.Left * ScaleX, box.Top * ScaleY, box.Right * ScaleX, box.Bottom * ScaleY);

    /// <summary>A full-size box in pixels of the decoded image.</summary>
    public FaceBox FromFullSize(FaceBox box) => new(box.Left / ScaleX, box.Top / ScaleY, box.Right / ScaleX, box.Bottom / ScaleY);

    public FaceLandmarks ToFullSize(FaceLandmarks landmarks) => new(landmarks.Points.Select(ToFullSize).ToArray());
}
