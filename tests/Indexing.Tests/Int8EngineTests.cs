using Grid.Indexing.Compressed;
using Grid.Indexing.Synthetic;
using Xunit.Abstractions;

namespace Grid.Indexing.Tests;

public sealed unsafe class Int8EngineTests(ITestOutputHelper output)
{
    // 100 is not a multiple of the 64-code stride, so the zero padding is exercised.
    private const int Dimension = 100;

    /// <summary>Every kernel level this CPU can run (names, since the enum is internal).</summary>
    public static TheoryData<string> Levels()
    {
        var levels = new TheoryData<string>();
        foreach (var level in Enum.GetValues<Int8KernelLevel>())
            if (Int8Kernels.IsSupported(level)) levels.Add(level.ToString());
        return levels;
    }

    [Theory]
    [MemberData(nameof(Levels))]
    public void Every_kernel_level_computes_the_exact_integer_dot_products(string levelName)
    {
        var level = Enum.Parse<Int8KernelLevel>(levelName);
        var stride = Int8Codec.Stride(Dimension);
        var random = new Random(81);
        // Extreme values included: ±127 queries against 0 and 255 row bytes; padding is query 0, row byte 128.
        var codes = Enumerable.Range(0, 4 * stride)
            .Select(i => i % stride >= Dimension ? 0 : i % 17 == 0 ? 127 : i % 19 == 0 ? -127 : random.Next(-127, 128)).ToArray();
        var q16 = codes.Select(c => (short)c).ToArray();
        var q8 = codes.Select(c => (sbyte)c).ToArray();
        var rows = Enumerable.Range(0, 8 * stride)
            .Select(i => (byte)(i % stride >= Dimension ? 128 : i % 13 == 0 ? 255 : i % 23 == 0 ? 0 : random.Next(1, 256))).ToArray();
        long Reference(int q, int r)
        {
            long sum = 0;
            for (var i = 0; i < stride; i++) sum += codes[q * stride + i] * rows[r * stride + i];
            return sum;
        }
        var output = new int[32];
        fixed (short* q = q16)
        fixed (sbyte* q8p = q8)
        fixed (byte* r = rows)
        fixed (int* o = output)
        {
            Assert.Equal(Reference(2, 3), Int8Kernels.Dot(level, q + 2 * stride, r + 3 * stride, stride));
            Int8Kernels.FourByRows(level, q, q8p, r, 2, stride, o);
            for (var tile = 0; tile < 2; tile++)
                for (var j = 0; j < 4; j++)
                    for (var t = 0; t < 4; t++)
                        Assert.Equal(Reference(t, 4 * tile + j), output[16 * tile + 4 * j + t]);
        }
    }

    [Theory]
    [MemberData(nameof(Levels))]
    public void Forced_fallback_levels_answer_exactly_like_the_best_level(string levelName)
    {
        var level = Enum.Parse<Int8KernelLevel>(levelName);
        var vectors = TestData.Uniform(2_000, Dimension, seed: 82);
        var ids = TestData.Ids(2_000);
        using var best = (ExactInt8VectorIndex)TestData.Filled("exact-int8", vectors, ids, Dimension);
        using var forced = (ExactInt8VectorIndex)TestData.Filled("exact-int8", vectors, ids, Dimension);
        forced.Kernels = level;
        var queries = TestData.Uniform(9, Dimension, seed: 83);

        var expected = best.Search(queries, 10);
        var actual = forced.Search(queries, 10);

        for (var q = 0; q < 9; q++)
        {
            Assert.Equal(expected[q].Ids, actual[q].Ids);
            Assert.Equal(expected[q].Scores, actual[q].Scores);
        }
    }

    [Theory]
    // Uniform data is the hard case (top scores crowd together). With a float re-rank copy the returned ids
    // are the oracle's unless a true top-k row falls outside the 2k + 32 scan candidates (seen: recall 1.000
    // for float16 and float32); re-scoring from the codes keeps their error in the order (seen 0.985).
    [InlineData("exact-int8", 1e-3)]
    [InlineData("exact-int8?rerank=float32", 1e-5)]
    [InlineData("exact-int8?rerank=codes", 5e-3)]
    public void Uniform_data_matches_the_oracle_after_removes(string spec, double scoreTolerance)
    {
        var vectors = TestData.Uniform(3_000, Dimension, seed: 84);
        var ids = TestData.Ids(3_000);
        var oracle = new BruteForceOracle(Dimension);
        oracle.Add(vectors, ids);
        using var index = TestData.Filled(spec, vectors, ids, Dimension);
        var removed = ids.Where((_, i) => i % 5 == 0).ToArray();
        Assert.Equal(removed.Length, index.Remove(removed));
        oracle.Remove(removed);
        var queries = TestData.Uniform(20, Dimension, seed: 85);

        var hits = index.Search(queries, 10);

        var found = 0;
        for (var q = 0; q < 20; q++)
        {
            var expected = oracle.Search(TestData.Row(queries, Dimension, q), 10);
            found += hits[q].Ids.Intersect(expected.Select(e => e.Id)).Count();
            for (var i = 0; i < hits[q].Count; i++)
                Assert.Equal(oracle.Search(TestData.Row(queries, Dimension, q), 3_000).First(e => e.Id == hits[q].Ids[i]).Score, hits[q].Scores[i], scoreTolerance);
        }
        output.WriteLine($"{spec}: uniform recall@10 {found / 200.0:F3}");
        // Codes-only re-ranking keeps the quantisation error in the final order, so near-equal neighbours may swap.
        Assert.True(found / 200.0 >= (spec.EndsWith("codes") ? 0.95 : 0.995), $"{spec}: recall@10 {found / 200.0:F3}");
    }

    private static readonly Lazy<(float[] Vectors, long[] Ids, float[] Queries, Dictionary<long, int> SubjectOf, SearchHits[] Exact)> Clustered = new(() =>
    {
        const int dimension = 512, identities = 1_000, photos = 10, probes = 1_000;
        var generator = new SyntheticTemplates(dimension, seed: 86);
        var (vectors, labels, centres) = generator.IdentityClustered(identities, photos);
        var queries = new float[probes * dimension];
        for (var p = 0; p < probes; p++)
            generator.Photos(centres.AsSpan(p % identities * dimension, dimension), 1).CopyTo(queries.AsSpan(p * dimension));
        var ids = TestData.Ids(identities * photos);
        var subjectOf = ids.Select((id, row) => (id, row)).ToDictionary(x => x.id, x => labels[x.row]);
        using var exact = TestData.Filled("exact", vectors, ids, dimension);
        return (vectors, ids, queries, subjectOf, exact.Search(queries, 10));
    });

    [Theory]
    // The accuracy target, against the float32 exact engine, on identity-clustered 512-d data
    // (1 000 identities × 10 photos, 1 000 probes that are fresh photos of enrolled identities):
    // recall@10 ≥ 0.995 and the same rank-1 subject in ≥ 99.9 % of searches (all 1 000 here).
    // Seen with this seed (recall@10, same rank-1 subject, same rank-1 template):
    // float16 1.0000 / 100 % / 99.7 %; float32 1.0000 / 100 % / 100 %; codes 1.0000 / 100 % / 98.2 %.
    // The rank-1 template may swap between two photos of the same subject whose scores differ by less
    // than the re-rank copy's error (float16 ≈ 1e-5); the candidate list shows one entry per subject.
    [InlineData("exact-int8", 0.997)]
    [InlineData("exact-int8?rerank=float32", 0.999)]
    [InlineData("exact-int8?rerank=codes", 0.97)]
    public void Identity_clustered_data_meets_the_recall_and_rank_one_targets(string spec, double sameTemplateFloor)
    {
        const int dimension = 512, probes = 1_000;
        var (vectors, ids, queries, subjectOf, expected) = Clustered.Value;
        using var index = TestData.Filled(spec, vectors, ids, dimension);

        var actual = index.Search(queries, 10);

        var recall = actual.Zip(expected, (a, e) => a.Ids.Intersect(e.Ids).Count() / 10.0).Average();
        var sameSubject = actual.Zip(expected, (a, e) => subjectOf[a.Ids[0]] == subjectOf[e.Ids[0]]).Count(same => same) / (double)probes;
        var sameTemplate = actual.Zip(expected, (a, e) => a.Ids[0] == e.Ids[0]).Count(same => same) / (double)probes;
        output.WriteLine($"{spec}: recall@10 {recall:F4}, same rank-1 subject {sameSubject:P1}, same rank-1 template {sameTemplate:P1}");
        Assert.True(recall >= 0.995, $"{spec}: recall@10 {recall:F4}");
        Assert.True(sameSubject >= 0.999, $"{spec}: same rank-1 subject in {sameSubject:P2}");
        Assert.True(sameTemplate >= sameTemplateFloor, $"{spec}: same rank-1 template in {sameTemplate:P2}");
    }

    [Theory]
    [InlineData("exact-int8", 0.80)]
    [InlineData("exact-int8?rerank=float32", 1.30)]
    [InlineData("exact-int8?rerank=codes", 0.30)]
    public void Memory_stays_within_its_share_of_the_float32_bytes(string spec, double share)
    {
        const int dimension = 512, count = 4_096;
        using var index = TestData.Filled(spec, TestData.Uniform(count, dimension, seed: 87), TestData.Ids(count), dimension);

        Assert.True(index.MemoryBytes <= share * count * dimension * sizeof(float), $"{spec}: {index.MemoryBytes} bytes");
    }

    [Fact]
    public void Zero_vectors_are_stored_and_score_zero()
    {
        using var index = VectorIndexFactory.Create("exact-int8", 8);
        index.Add([.. new float[8], 1, 0, 0, 0, 0, 0, 0, 0], [5, 6]);

        var hits = index.Search([1, 0, 0, 0, 0, 0, 0, 0], 2)[0];

        Assert.Equal([6L, 5L], hits.Ids);
        Assert.Equal([1f, 0f], hits.Scores);
    }
}
