using Grid.Faces.Imaging;
using Grid.Faces.Pipeline;

namespace Grid.Portal.Search;

/// <summary>An uploaded photo while the examiner chooses the probe face: held in the session's memory only.</summary>
public sealed record ProbePhoto(string Id, string FileName, RgbImage Image, byte[] Png, IReadOnlyList<DetectedFace> Faces)
{
    public int Width => Image.Width;

    public int Height => Image.Height;
}
