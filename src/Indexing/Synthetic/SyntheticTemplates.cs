namespace Grid.Indexing.Synthetic;

/// <summary>
/// Deterministic synthetic templates (L2-normalised float32 rows) for tests and benchmarks.
/// <list type="bullet">
/// <item><see cref="Uniform"/>: uniform on the unit sphere — the right load for exact-scan speed,
/// the worst case for approximate engines.</item>
/// <item><see cref="IdentityClustered"/>: identity centres plus per-photo noise, tuned like the real
/// embedder (genuine cosine ≈ 0.69, impostor ≈ 0.01), the right load for IVF/HNSW/PQ recall.</item>
/// </list>
/// Rows are generated in fixed blocks, each from its own seed, so output depends only on the seed
/// and block index, never on thread scheduling.
/// </summary>
public sealed class SyntheticTemplates(int dimension, int seed)
{
    /// <summary>Noise norm relative to the centre: photo·photo ≈ 1/(1+σ²) = 0.69 for σ² = 0.45.</summary>
    public const float GenuineNoise = 0.67f;

    /// <summary>Weight of a direction shared by all centres: impostor cosine ≈ w²/(1+w²) ≈ 0.01.</summary>
    public const float SharedDirectionWeight = 0.1f;

    private const int BlockRows = 1024;
    private int _nextBlock;

    public int Dimension { get; } = dimension;

    /// <summary>The next <paramref name="count"/> uniform unit vectors, row-major.</summary>
    public float[] Uniform(int count)
    {
        var rows = new float[(long)count * Dimension];
        var firstBlock = _nextBlock;
        var blocks = (count + BlockRows - 1) / BlockRows;
        _nextBlock += blocks;
        Parallel.For(0, blocks, b =>
        {
            var random = BlockRandom(seed, firstBlock + b);
            var end = Math.Min(count, (b + 1) * BlockRows);
            for (var row = b * BlockRows; row < end; row++)
                FillUnitGaussian(random, rows.AsSpan(row * Dimension, Dimension));
        });
        return rows;
    }

    /// <summary>Identity centres: unit vectors sharing a weak common direction, as real embeddings do.</summary>
    public float[] Centres(int identities)
    {
        var centres = Uniform(identities);
        var shared = Uniform(1);
        for (var i = 0; i < identities; i++)
        {
            var centre = centres.AsSpan(i * Dimension, Dimension);
            for (var d = 0; d < Dimension; d++) centre[d] += SharedDirectionWeight * shared[d];
            Normalise(centre);
        }
        return centres;
    }

    /// <summary><paramref name="photos"/> noisy templates of the identity whose centre is given.</summary>
    public float[] Photos(ReadOnlySpan<float> centre, int photos)
    {
        var rows = Uniform(photos);
        for (var p = 0; p < photos; p++)
        {
            var row = rows.AsSpan(p * Dimension, Dimension);
            for (var d = 0; d < Dimension; d++) row[d] = centre[d] + GenuineNoise * row[d];
            Normalise(row);
        }
        return rows;
    }

    /// <summary><paramref name="identities"/> × <paramref name="photosPerIdentity"/> templates, photos of
    /// one identity adjacent; <c>Identities[i]</c> is row i's identity.</summary>
    public (float[] Vectors, int[] Identities, float[] Centres) IdentityClustered(int identities, int photosPerIdentity)
    {
        var centres = Centres(identities);
        var vectors = new float[(long)identities * photosPerIdentity * Dimension];
        var labels = new int[identities * photosPerIdentity];
        for (var i = 0; i < identities; i++)
        {
            Photos(centres.AsSpan(i * Dimension, Dimension), photosPerIdentity)
                .CopyTo(vectors.AsSpan(i * photosPerIdentity * Dimension));
            labels.AsSpan(i * photosPerIdentity, photosPerIdentity).Fill(i);
        }
        return (vectors, labels, centres);
    }

    // HashCode is salted per process, so the block seed is mixed by hand.
    private static Random BlockRandom(int seed, int block) => new(unchecked(seed * 1_000_003 + block * 7_919));

    private static void FillUnitGaussian(Random random, Span<float> row)
    {
        for (var d = 0; d < row.Length; d += 2)
        {
            // Box–Muller: two independent standard normals per draw.
            var radius = Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble()));
            var angle = 2.0 * Math.PI * random.NextDouble();
            row[d] = (float)(radius * Math.Cos(angle));
            if (d + 1 < row.Length) row[d + 1] = (float)(radius * Math.Sin(angle));
        }
        Normalise(row);
    }

    private static void Normalise(Span<float> row)
    {
        var norm = System.Numerics.Tensors.TensorPrimitives.Norm(row);
        System.Numerics.Tensors.TensorPrimitives.Divide(row, norm, row);
    }
}
