namespace Grid.Faces.Landmarks;

/// <summary>A point in pixels of the upright, full-resolution photo.</summary>
public readonly record struct FacePoint(float X, float Y)
{
    public static FacePoint Midpoint(FacePoint a, FacePoint b) => new((a.X + b.X) / 2, (a.Y + b.Y) / 2);

    public float DistanceTo(FacePoint other) => MathF.Sqrt(((X - other.X) * (X - other.X)) + ((Y - other.Y) * (Y - other.Y)));
}
