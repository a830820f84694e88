namespace Grid.Indexing.Tests;

public sealed class ErrorTests
{
    [Theory]
    [InlineData("annoy")]
    [InlineData("")]
    [InlineData("faiss:")]
    [InlineData("faiss:IVF16,Flat?nprobe=0")]
    [InlineData("faiss:IVF16,Flat?depth=3")]
    [InlineData("exact-int8?rerank=bfloat16")]
    [InlineData("exact-int8?rerank=1")]
    [InlineData("exact-int8?rerank=")]
    [InlineData("exact-int8x")]
    public void Unknown_or_malformed_specs_are_rejected_with_the_valid_forms(string spec)
    {
        var error = Assert.Throws<UnknownEngineException>(() => VectorIndexFactory.Validate(spec));
        Assert.Contains("faiss:IDMap2,Flat", error.Message);
        Assert.Throws<UnknownEngineException>(() => VectorIndexFactory.Create(spec, 8));
    }

    [Theory]
    [InlineData("exact")]
    [InlineData("EXACT")]
    [InlineData("exact-int8")]
    [InlineData("exact-int8?rerank=codes")]
    [InlineData("Exact-Int8?Rerank=Float32")]
    [InlineData("faiss:IVF1024,Flat?nprobe=32")]
    [InlineData("faiss:HNSW32?efSearch=128&nprobe=4")]
    public void Well_formed_specs_validate(string spec) => VectorIndexFactory.Validate(spec);

    [Theory]
    [MemberData(nameof(EngineSpecs.All), MemberType = typeof(EngineSpecs))]
    public void Wrong_dimension_is_a_typed_error(string spec)
    {
        using var index = VectorIndexFactory.Create(spec, 16);
        Assert.Throws<DimensionMismatchException>(() => index.Add(new float[15], [1]));
        Assert.Throws<DimensionMismatchException>(() => index.Search(new float[17], 1));
        Assert.Equal(0, index.Count);
    }

    [Theory]
    [MemberData(nameof(EngineSpecs.All), MemberType = typeof(EngineSpecs))]
    public void Duplicate_ids_add_nothing(string spec)
    {
        using var index = VectorIndexFactory.Create(spec, 16);
        var vectors = TestData.Uniform(3, 16, seed: 1);
        index.Add(vectors, [1, 2, 3]);

        Assert.Equal(3, Assert.Throws<DuplicateIdException>(() => index.Add(TestData.Uniform(2, 16, seed: 2), [4, 3])).Id);
        Assert.Equal(5, Assert.Throws<DuplicateIdException>(() => index.Add(TestData.Uniform(2, 16, seed: 2), [5, 5])).Id);
        Assert.Equal(3, index.Count);
        Assert.DoesNotContain(4L, index.Search(TestData.Uniform(1, 16, seed: 2), 3)[0].Ids);
    }

    [Theory]
    [MemberData(nameof(EngineSpecs.All), MemberType = typeof(EngineSpecs))]
    public void Truncated_or_damaged_streams_are_corrupt_index_errors(string spec)
    {
        using var index = TestData.Filled(spec, TestData.Uniform(50, 16, seed: 3), TestData.Ids(50), 16);
        var saved = TestData.Saved(index);

        foreach (var length in new[] { 0, 5, 20, saved.Length / 2, saved.Length - 1 })
            Assert.Throws<CorruptIndexException>(() => VectorIndexFactory.Load(new MemoryStream(saved[..length])));

        foreach (var position in new[] { 0, 9, saved.Length / 2, saved.Length - 12 })
        {
            var damaged = (byte[])saved.Clone();
            damaged[position] ^= 0x40;
            Assert.Throws<CorruptIndexException>(() => VectorIndexFactory.Load(new MemoryStream(damaged)));
        }
    }
}
