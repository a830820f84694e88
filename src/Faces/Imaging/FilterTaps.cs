namespace Grid.Faces.Imaging;

/// <summary>
/// Precomputed one-dimensional tent-filter taps: for output i, the source indices
/// Index[Start[i]..Start[i+1]) and their weights, normalised to sum to one.
/// </summary>
internal sealed class FilterTaps
{
    private FilterTaps(int[] start, int[] index, float[] weight)
    {
        Start = start;
        Index = index;
        Weight = weight;
        FirstSourceIndex = index.Length == 0 ? 0 : index.Min();
        LastSourceIndex = index.Length == 0 ? -1 : index.Max();
    }

    public int[] Start { get; }
    public int[] Index { get; }
    public float[] Weight { get; }
    public int FirstSourceIndex { get; }
    public int LastSourceIndex { get; }

    /// <param name="origin">Source coordinate of the region's left (or top) edge.</param>
    /// <param name="scale">Source pixels per output pixel.</param>
    /// <param name="count">Number of output pixels.</param>
    /// <param name="sourceLength">Number of source pixels along this axis.</param>
    public static FilterTaps Build(float origin, float scale, int count, int sourceLength)
    {
        var support = Math.Max(1f, scale);
        var start = new int[count + 1];
        var index = new List<int>(count * ((int)Math.Ceiling(support) * 2 + 1));
        var weight = new List<float>(index.Capacity);
        for (var i = 0; i < count; i++)
        {
            start[i] = index.Count;
            var centre = origin + ((i + 0.5f) * scale) - 0.5f;
            if (centre < -0.5f || centre > sourceLength - 0.5f)
            {
                continue; // outside the source: left black
            }
            var first = Math.Max(0, (int)Math.Floor(centre - support) + 1);
            var last = Math.Min(sourceLength - 1, (int)Math.Ceiling(centre + support) - 1);
            var total = 0f;
            var from = index.Count;
            for (var s = first; s <= last; s++)
            {
                var w = 1f - (Math.Abs(s - centre) / support);
                if (w > 0)
                {
                    index.Add(s);
                    weight.Add(w);
                    total += w;
                }
            }
            if (index.Count == from)
            {
                // Sub-pixel region: take the nearest source pixel.
                index.Add(Math.Clamp((int)MathF.Round(centre), 0, sourceLength - 1));
                weight.Add(1f);
                total = 1f;
            }
            for (var k = from; k < weight.Count; k++)
            {
                weight[k] /= total;
            }
        }
        start[count] = index.Count;
        return new FilterTaps(start, [.. index], [.. weight]);
    }
}
