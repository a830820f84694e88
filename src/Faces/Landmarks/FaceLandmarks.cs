namespace Grid.Faces.Landmarks;

/// <summary>
/// The 68 points of the iBUG 300-W layout (0-based: 0–16 jaw, 27–35 nose, 36–41 and 42–47 the eyes
/// as seen in the photo, 48–67 mouth), and the five alignment points derived from them.
/// </summary>
public sealed class FaceLandmarks
{
    public const int Count = 68;

    public FaceLandmarks(IReadOnlyList<FacePoint> points)
    {
        if (points.Count != Count)
        {
            throw new ArgumentException($"Expected {Count} landmarks, got {points.Count}.", nameof(points));
        }
        Points = points;
    }

    public IReadOnlyList<FacePoint> Points { get; }

    /// <summary>Eye centre on the photo's left, from the lids (37, 38, 40, 41) rather than the corners.</summary>
    public FacePoint LeftEyeCentre => Mean(37, 38, 40, 41);

    public FacePoint RightEyeCentre => Mean(43, 44, 46, 47);

    public FacePoint NoseTip => Points[30];

    /// <summary>Mouth corner as the mean of the outer (48) and inner (60) lip corner.</summary>
    public FacePoint LeftMouthCorner => FacePoint.Midpoint(Points[48], Points[60]);

    public FacePoint RightMouthCorner => FacePoint.Midpoint(Points[54], Points[64]);

    /// <summary>Left eye, right eye, nose tip, left and right mouth corner: the order of the ArcFace reference.</summary>
    public IReadOnlyList<FacePoint> FivePoints => [LeftEyeCentre, RightEyeCentre, NoseTip, LeftMouthCorner, RightMouthCorner];

    public float InterEyeDistance => LeftEyeCentre.DistanceTo(RightEyeCentre);

    private FacePoint Mean(params ReadOnlySpan<int> indices)
    {
        float x = 0, y = 0;
        foreach (var i in indices)
        {
            x += Points[i].X;
            y += Points[i].Y;
        }
        return new FacePoint(x / indices.Length, y / indices.Length);
    }
}
