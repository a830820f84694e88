namespace Grid.Faces.Detection;

/// <summary>Greedy NMS: keep the best-scoring box, drop those overlapping it, repeat.</summary>
public static class NonMaximumSuppression
{
    public static IReadOnlyList<FaceDetection> Apply(IEnumerable<FaceDetection> candidates, float iouThreshold, int maxKept)
    {
        var kept = new List<FaceDetection>();
        foreach (var candidate in candidates.OrderByDescending(c => c.Score))
        {
            if (kept.Count == maxKept)
            {
                break;
            }
            if (kept.TrueForAll(k => k.Box.IntersectionOverUnion(candidate.Box) <= iouThreshold))
            {
                kept.Add(candidate);
            }
        }
        return kept;
    }
}
