namespace Grid.Faces.Detection;

/// <summary>A face rectangle in pixels of the upright, full-resolution photo (corner form).</summary>
public readonly record struct FaceBox(float Left, float Top, float Right, float Bottom)
{
    public float Width => Right - Left;
    public float Height => Bottom - Top;
    public float Area => Math.Max(0, Width) * Math.Max(0, Height);
    public float CentreX => (Left + Right) / 2;
    public float CentreY => (Top + Bottom) / 2;

    public float IntersectionOverUnion(FaceBox other)
    {
        var w = Math.Min(Right, other.Right) - Math.Max(Left, other.Left);
        var h = Math.Min(Bottom, other.Bottom) - Math.Max(Top, other.Top);
        if (w <= 0 || h <= 0)
        {
            return 0;
        }
        var intersection = w * h;
        return intersection / (Area + other.Area - intersection);
    }

    /// <summary>The square of side <see cref="Height"/> around the same centre, the crop the landmark model was trained on.</summary>
    public FaceBox SquaredOnHeight()
    {
        var half = Height / 2;
        return new FaceBox(CentreX - half, Top, CentreX + half, Bottom);
    }
}
