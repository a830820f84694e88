using Grid.Indexing.Compressed;

namespace Grid.Indexing.Tests;

/// <summary>
/// Every int8 kernel level and tile shape (1 probe × 16 rows, 2 × 8, 4 × 4, the 1 × 1 row tails) computes the same
/// exact integer dot products, so the engine answers bit-identically whichever level or batch shape scored a row.
/// Dimensions cover code strides of one 64-byte line (8), an odd number of lines (192: the VNNI kernels' 128-byte
/// step leaves one line over), and several lines (100 → 128, 512); row counts are not multiples of a group.
/// </summary>
public sealed unsafe class Int8KernelShapeTests
{
    public static TheoryData<string, int> LevelsAndDimensions()
    {
        var data = new TheoryData<string, int>();
        foreach (var level in Enum.GetValues<Int8KernelLevel>())
            if (Int8Kernels.IsSupported(level))
                foreach (var dimension in new[] { 8, 100, 192, 512 })
                    data.Add(level.ToString(), dimension);
        return data;
    }

    [Theory]
    [MemberData(nameof(LevelsAndDimensions))]
    public void Every_tile_shape_computes_the_exact_integer_dot_products(string levelName, int dimension)
    {
        var level = Enum.Parse<Int8KernelLevel>(levelName);
        var stride = Int8Codec.Stride(dimension);
        const int rowCount = 48, groups = 3;
        var random = new Random(91 + dimension);
        // Extremes included: ±127 query codes against row bytes 0 and 255; padding is query 0 against row byte 128.
        var codes = Enumerable.Range(0, 4 * stride)
            .Select(i => i % stride >= dimension ? 0 : i % 17 == 0 ? 127 : i % 19 == 0 ? -127 : random.Next(-127, 128)).ToArray();
        var rowBytes = Enumerable.Range(0, rowCount * stride)
            .Select(i => (byte)(i % stride >= dimension ? 128 : i % 13 == 0 ? 255 : i % 23 == 0 ? 0 : random.Next(0, 256))).ToArray();
        long Reference(int q, int r)
        {
            long sum = 0;
            for (var i = 0; i < stride; i++) sum += codes[q * stride + i] * rowBytes[r * stride + i];
            return sum;
        }
        var q16 = codes.Select(c => (short)c).ToArray();
        var q8 = codes.Select(c => (sbyte)c).ToArray();
        var output = new int[16 * 12];
        fixed (short* q = q16)
        fixed (sbyte* q8p = q8)
        fixed (byte* rows = rowBytes)
        fixed (int* o = output)
        {
            Int8Kernels.OneByRows(level, q + 3 * stride, q8p + 3 * stride, rows, groups, stride, o);
            for (var r = 0; r < 16 * groups; r++) Assert.Equal(Reference(3, r), output[r]);

            Int8Kernels.TwoByRows(level, q + stride, q8p + stride, rows, 2 * groups, stride, o);
            for (var g = 0; g < 2 * groups; g++)
                for (var r = 0; r < 8; r++)
                    for (var t = 0; t < 2; t++)
                        Assert.Equal(Reference(1 + t, 8 * g + r), output[16 * g + 2 * r + t]);

            // With the next block's prefetch paced over the groups (here lines of the rows themselves, more lines than
            // groups): the prefetch hint never changes a result.
            Int8Kernels.FourByRows(level, q, q8p, rows, 4 * groups, stride, o, rows, rowCount * stride / 64);
            for (var g = 0; g < 4 * groups; g++)
                for (var r = 0; r < 4; r++)
                    for (var t = 0; t < 4; t++)
                        Assert.Equal(Reference(t, 4 * g + r), output[16 * g + 4 * r + t]);

            for (var r = 0; r < rowCount; r += 7)
                Assert.Equal(Reference(2, r), Int8Kernels.Dot(level, q + 2 * stride, rows + r * stride, stride));
        }
    }

    [Theory]
    [MemberData(nameof(LevelsAndDimensions))]
    public void Every_level_and_batch_shape_answers_bit_identically(string levelName, int dimension)
    {
        // 1 037 rows: whole blocks, then groups, then single tail rows; batches of 1, 2, 3, 5 and 7 probes run the
        // shapes 1; 2; 2 + 1; 4 + 1; 4 + 2 + 1; 16, 21 and 33 run four, five and eight 4 × 4 passes (with 1 left over
        // for the last two), each pass's kernel call prefetching its share of the next block, paced per group. Each probe of a
        // batch must get exactly what it gets alone.
        var level = Enum.Parse<Int8KernelLevel>(levelName);
        const int count = 1_037;
        var vectors = TestData.Uniform(count, dimension, seed: 92);
        var ids = TestData.Ids(count);
        using var best = (ExactInt8VectorIndex)TestData.Filled("exact-int8", vectors, ids, dimension);
        using var forced = (ExactInt8VectorIndex)TestData.Filled("exact-int8", vectors, ids, dimension);
        forced.Kernels = level;
        var queries = TestData.Uniform(33, dimension, seed: 93);
        var alone = Enumerable.Range(0, 33).Select(q => best.Search(TestData.Row(queries, dimension, q), 10)[0]).ToArray();

        foreach (var batch in new[] { 1, 2, 3, 5, 7, 16, 21, 33 })
        {
            var hits = forced.Search(queries.AsSpan(0, batch * dimension), 10);
            for (var q = 0; q < batch; q++)
            {
                Assert.Equal(alone[q].Ids, hits[q].Ids);
                Assert.Equal(alone[q].Scores, hits[q].Scores);
            }
        }
    }

    [Fact]
    public void A_batch_scanned_in_parts_that_share_their_thresholds_answers_exactly_like_each_probe_alone()
    {
        // 6 000 rows: a batch of 16 splits into parts (rows × probes above QueryBatch.ParallelRows) that share each
        // probe's offer threshold; one probe alone scans in one part. Every 500th row repeats in each later quarter
        // of the rows (same vector, other id), so equal scores meet across parts and are decided by id.
        const int dimension = 128, count = 6_000;
        var vectors = TestData.Uniform(count, dimension, seed: 94);
        for (var row = 1_500; row < count; row++)
            if (row % 500 < 4) TestData.Row(vectors, dimension, row % 500 * 97).AsSpan().CopyTo(vectors.AsSpan(row * dimension, dimension));
        using var index = (ExactInt8VectorIndex)TestData.Filled("exact-int8", vectors, TestData.Ids(count), dimension);
        var queries = TestData.Uniform(16, dimension, seed: 95);
        for (var q = 0; q < 4; q++) TestData.Row(vectors, dimension, q * 97).AsSpan().CopyTo(queries.AsSpan(q * dimension, dimension));
        Assert.True(QueryBatch.Parts(count, 16) > 1 && QueryBatch.Parts(count, 1) == 1);

        var batched = index.Search(queries, 20);
        for (var q = 0; q < 16; q++)
        {
            var alone = index.Search(TestData.Row(queries, dimension, q), 20)[0];
            Assert.Equal(alone.Ids, batched[q].Ids);
            Assert.Equal(alone.Scores, batched[q].Scores);
        }
    }
}
