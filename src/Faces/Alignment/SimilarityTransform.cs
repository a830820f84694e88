using Grid.Faces.Landmarks;

namespace Grid.Faces.Alignment;

/// <summary>
/// A 2-D similarity (rotation, uniform scale, translation): x' = A·x − B·y + Tx, y' = B·x + A·y + Ty.
/// </summary>
public readonly record struct SimilarityTransform(double A, double B, double Tx, double Ty)
{
    public double Scale => Math.Sqrt((A * A) + (B * B));

    public FacePoint Apply(FacePoint p) =>
        new((float)((A * p.X) - (B * p.Y) + Tx), (float)((B * p.X) + (A * p.Y) + Ty));

    public SimilarityTransform Inverse()
    {
        var d = (A * A) + (B * B);
        var a = A / d;
        var b = -B / d;
        return new SimilarityTransform(a, b, -((a * Tx) - (b * Ty)), -((b * Tx) + (a * Ty)));
    }

    /// <summary>Applies this transform after <paramref name="first"/>.</summary>
    public SimilarityTransform After(SimilarityTransform first) => new(
        (A * first.A) - (B * first.B),
        (A * first.B) + (B * first.A),
        (A * first.Tx) - (B * first.Ty) + Tx,
        (B * first.Tx) + (A * first.Ty) + Ty);

    /// <summary>
    /// Least-squares similarity taking <paramref name="from"/> onto <paramref name="to"/> (Umeyama's
    /// estimate without reflection; in 2-D it has this closed form in the centred coordinates).
    /// </summary>
    public static SimilarityTransform Estimate(IReadOnlyList<FacePoint> from, IReadOnlyList<FacePoint> to)
    {
        if (from.Count != to.Count || from.Count < 2)
        {
            throw new ArgumentException("Need two or more corresponding points.");
        }
        double fx = 0, fy = 0, tx = 0, ty = 0;
        for (var i = 0; i < from.Count; i++)
        {
            fx += from[i].X;
            fy += from[i].Y;
            tx += to[i].X;
            ty += to[i].Y;
        }
        fx /= from.Count;
        fy /= from.Count;
        tx /= to.Count;
        ty /= to.Count;

        double dot = 0, cross = 0, norm = 0;
        for (var i = 0; i < from.Count; i++)
        {
            double px = from[i].X - fx, py = from[i].Y - fy;
            double qx = to[i].X - tx, qy = to[i].Y - ty;
            dot += (px * qx) + (py * qy);
            cross += (px * qy) - (py * qx);
            norm += (px * px) + (py * py);
        }
        if (norm <= double.Epsilon)
        {
            throw new ArgumentException("The source points coincide.", nameof(from));
        }
        var a = dot / norm;
        var b = cross / norm;
        return new SimilarityTransform(a, b, tx - ((a * fx) - (b * fy)), ty - ((b * fx) + (a * fy)));
    }
}
