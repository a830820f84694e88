using Grid.Contracts.Errors;
using Grid.Contracts.Galleries;
using Grid.Contracts.Search;
using Grid.Contracts.Templates;
using Grid.Grains.Tests.Support;
using Xunit;

namespace Grid.Grains.Tests.Galleries;

/// <summary>Bad input is refused with a typed error and changes nothing: counts before == after.</summary>
[Collection(GalleryClusterCollection.Name)]
public sealed class BadInputTests(GalleryClusterFixture grid)
{
    private static readonly GalleryId Id = new("FR-PN", "bad-input");
    private static readonly SemaphoreSlim Ready = new(1, 1);
    private static bool _created;

    /// <summary>A 2-shard gallery holding 20 subjects; created once.</summary>
    private async Task<(long, long)> GalleryAsync()
    {
        await Ready.WaitAsync();
        try
        {
            if (!_created)
            {
                await grid.CreateAsync(Id, GalleryClusterFixture.Config(shards: 2));
                await grid.EnrolAsync(Id, Enumerable.Range(0, 20).Select(i => $"B-{i:D2}").ToArray(), Vectors.Unit(20, seed: 2000));
                _created = true;
            }
        }
        finally
        {
            Ready.Release();
        }
        var counts = await grid.CountsAsync(Id);
        Assert.Equal((20L, 20L), counts);
        return counts;
    }

    public static TheoryData<string, int> BadTemplates => new()
    {
        { "wrong dimension (511)", 0 }, { "wrong dimension (513)", 1 }, { "NaN", 2 }, { "+Inf", 3 }, { "-Inf", 4 }, { "zero", 5 }, { "tiny", 6 },
    };

    [Theory]
    [MemberData(nameof(BadTemplates))]
    public async Task A_bad_template_anywhere_in_a_batch_stores_nothing(string what, int kind)
    {
        var before = await GalleryAsync();
        var good = Vectors.Unit(3, seed: 2001);
        var bad = Vectors.Unit(1, seed: 2002);
        var vectors = kind switch
        {
            0 => Vectors.Concat(good, bad[..511]),
            1 => Vectors.Concat(good, bad, [0.5f]),
            2 => Vectors.Concat(good, Poison(bad, float.NaN)),
            3 => Vectors.Concat(good, Poison(bad, float.PositiveInfinity)),
            4 => Vectors.Concat(good, Poison(bad, float.NegativeInfinity)),
            5 => Vectors.Concat(good, new float[TemplateRules.Dimension]),
            _ => Vectors.Concat(good, Vectors.Scaled(bad, 1e-30f)),
        };
        var e = await Assert.ThrowsAsync<InvalidTemplateException>(() =>
            grid.EnrolAsync(Id, ["NEW-1", "NEW-2", "NEW-3", "NEW-4"], vectors));
        Assert.False(string.IsNullOrWhiteSpace(e.Message), what);
        Assert.Equal(before, await grid.CountsAsync(Id));
        // The good rows of the refused batch are not searchable either.
        Assert.DoesNotContain((await grid.SearchAsync(Id, Vectors.Row(good, 0), 5)).Candidates, c => c.SubjectRef.StartsWith("NEW-"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(" padded")]
    [InlineData("tab\there")]
    [InlineData("line\nbreak")]
    [InlineData("nul\0")]
    [InlineData("comma,separated")]
    [InlineData("x129")]
    public async Task A_bad_subject_ref_anywhere_in_a_batch_stores_nothing(string subjectRef)
    {
        if (subjectRef == "x129") subjectRef = new string('x', SubjectRefRules.MaxLength + 1);
        var before = await GalleryAsync();
        await Assert.ThrowsAsync<InvalidSubjectRefException>(() =>
            grid.EnrolAsync(Id, ["FINE-1", subjectRef, "FINE-2"], Vectors.Unit(3, seed: 2003)));
        await Assert.ThrowsAsync<InvalidSubjectRefException>(() => grid.RemoveAsync(Id, subjectRef));
        Assert.Equal(before, await grid.CountsAsync(Id));
    }

    [Fact]
    public async Task A_subject_ref_of_exactly_the_limit_is_accepted()
    {
        var id = new GalleryId("FR-PN", "long-ref");
        await grid.CreateAsync(id, GalleryClusterFixture.Config(shards: 1));
        var longest = new string('y', SubjectRefRules.MaxLength);
        Assert.Equal(new EnrolResult(1, 0), await grid.EnrolAsync(id, [longest], Vectors.Unit(1, seed: 2004)));
        Assert.Equal(longest, (await grid.SearchAsync(id, Vectors.Unit(1, seed: 2004), 1)).Candidates[0].SubjectRef);
    }

    [Fact]
    public async Task Mismatched_refs_and_rows_store_nothing()
    {
        var before = await GalleryAsync();
        await Assert.ThrowsAsync<InvalidTemplateException>(() => grid.EnrolAsync(Id, ["A-1", "A-2"], Vectors.Unit(3, seed: 2005)));
        await Assert.ThrowsAsync<InvalidTemplateException>(() => grid.EnrolAsync(Id, ["A-1", "A-2", "A-3"], Vectors.Unit(2, seed: 2005)));
        Assert.Equal(before, await grid.CountsAsync(Id));
    }

    [Fact]
    public async Task Another_model_is_refused_on_enrol_and_search()
    {
        var before = await GalleryAsync();
        await Assert.ThrowsAsync<ModelMismatchException>(() => grid.EnrolAsync(Id, ["M-1"], Vectors.Unit(1, seed: 2006), model: "other-model"));
        await Assert.ThrowsAsync<ModelMismatchException>(() => grid.SearchAsync([Id], Vectors.Unit(1, seed: 2006), 5, model: "other-model"));
        Assert.Equal(before, await grid.CountsAsync(Id));
    }

    [Fact]
    public async Task A_bad_probe_or_request_is_refused()
    {
        await GalleryAsync();
        var probe = Vectors.Unit(1, seed: 2007);
        await Assert.ThrowsAsync<InvalidTemplateException>(() => grid.SearchAsync([Id], probe[..100], 5));
        await Assert.ThrowsAsync<InvalidTemplateException>(() => grid.SearchAsync([Id], Poison(probe, float.NaN), 5));
        await Assert.ThrowsAsync<InvalidTemplateException>(() => grid.SearchAsync([Id], new float[TemplateRules.Dimension], 5));
        await Assert.ThrowsAsync<ArgumentException>(() => grid.SearchAsync([Id], probe, 0));
        await Assert.ThrowsAsync<ArgumentException>(() => grid.SearchAsync([Id], probe, SearchRequest.MaxK + 1));
        await Assert.ThrowsAsync<ArgumentException>(() => grid.SearchAsync([Id], probe, 5, minScore: 1.5f));
        await Assert.ThrowsAsync<ArgumentException>(() => grid.SearchAsync([Id], probe, 5, minScore: float.NaN));
        await Assert.ThrowsAsync<ArgumentException>(() => grid.SearchAsync([Id], probe, 5, deadline: TimeSpan.Zero));
        await Assert.ThrowsAsync<ArgumentException>(() => grid.SearchAsync([Id], probe, 5,
            purpose: GalleryClusterFixture.Purpose with { Justification = "" }));
        await Assert.ThrowsAsync<ArgumentException>(() => grid.SearchAsync([Id], probe, 5,
            purpose: GalleryClusterFixture.Purpose with { Offence = "not-an-offence" }));
    }

    [Fact]
    public async Task An_unknown_gallery_is_refused_and_not_created()
    {
        var unknown = new GalleryId("DE-BKA", "never-created");
        await Assert.ThrowsAsync<GalleryNotFoundException>(() => grid.EnrolAsync(unknown, ["U-1"], Vectors.Unit(1, seed: 2008)));
        await Assert.ThrowsAsync<GalleryNotFoundException>(() => grid.RemoveAsync(unknown, "U-1"));
        await Assert.ThrowsAsync<GalleryNotFoundException>(() => grid.StatusAsync(unknown));
        await Assert.ThrowsAsync<GalleryNotFoundException>(() => grid.SearchAsync([unknown], Vectors.Unit(1, seed: 2008), 5));
        var known = await GalleryAsync();
        await Assert.ThrowsAsync<GalleryNotFoundException>(() => grid.SearchAsync([Id, new GalleryId(Id.Force, "never-created")], Vectors.Unit(1, seed: 2008), 5));
        // Another force's gallery is refused whether or not it exists (issue 9: no existence oracle), never "not found".
        var partner = await grid.SearchAsync([Id, unknown], Vectors.Unit(1, seed: 2008), 5);
        Assert.Equal(unknown, Assert.Single(partner.Refusals).Gallery);
        Assert.Null(await grid.GetAsync(unknown));
        Assert.Equal(known, await grid.CountsAsync(Id));
    }

    [Theory]
    [InlineData("hnsw", 2, "m")]
    [InlineData("faiss:", 2, "m")]
    [InlineData("faiss:IDMap2,Flat?nprobe=x", 2, "m")]
    [InlineData("exact", 0, "m")]
    [InlineData("exact", 257, "m")]
    [InlineData("exact", -1, "m")]
    [InlineData("exact", 2, " ")]
    public async Task A_bad_config_creates_nothing(string engine, int shards, string model)
    {
        var id = new GalleryId("NL-KLPD", $"bad-config-{Math.Abs(HashCode.Combine(engine, shards, model)) % 100000}");
        await Assert.ThrowsAsync<ArgumentException>(() => grid.CreateAsync(id, GalleryClusterFixture.Config(shards, engine, model)));
        Assert.Null(await grid.GetAsync(id));
        Assert.Empty(await grid.ShardBlobsAsync(id, 0));
    }

    [Fact]
    public async Task Re_creating_a_gallery_is_idempotent_for_the_same_config_and_a_conflict_for_another()
    {
        var id = new GalleryId("DE-BKA", "recreate");
        var config = GalleryClusterFixture.Config(shards: 3);
        var first = await grid.CreateAsync(id, config);
        await grid.EnrolAsync(id, ["R-1", "R-2"], Vectors.Unit(2, seed: 2009));
        Assert.Equal(first, await grid.CreateAsync(id, config));
        foreach (var other in new[]
                 {
                     config with { ShardCount = 4 }, config with { Engine = "faiss:IDMap2,Flat" },
                     config with { ModelId = "other-model" }, config with { Category = Grid.Contracts.Sharing.SubjectCategory.Victim },
                 })
            await Assert.ThrowsAsync<GalleryConflictException>(() => grid.CreateAsync(id, other));
        Assert.Equal(first, await grid.GetAsync(id));
        Assert.Equal((2L, 2L), await grid.CountsAsync(id));
    }

    [Fact]
    public async Task Templates_that_are_not_unit_length_are_normalised()
    {
        var id = new GalleryId("DE-BKA", "normalise");
        await grid.CreateAsync(id, GalleryClusterFixture.Config(shards: 2));
        var vectors = Vectors.Unit(10, seed: 2010);
        await grid.EnrolAsync(id, Enumerable.Range(0, 10).Select(i => $"N-{i}").ToArray(),
            Vectors.Concat([.. Enumerable.Range(0, 10).Select(i => Vectors.Scaled(Vectors.Row(vectors, i), i + 0.37f))]));
        for (var i = 0; i < 10; i++)
        {
            // Stored scaled, probed unit and probed scaled otherwise: cosine 1 either way.
            foreach (var probe in new[] { Vectors.Row(vectors, i), Vectors.Scaled(Vectors.Row(vectors, i), 1000f), Vectors.Scaled(Vectors.Row(vectors, i), 1e-3f) })
            {
                var top = (await grid.SearchAsync(id, probe, 1)).Candidates[0];
                Assert.Equal($"N-{i}", top.SubjectRef);
                Assert.Equal(1.0, top.Score, 1e-5);
            }
        }
    }

    private static float[] Poison(float[] vector, float value)
    {
        var copy = (float[])vector.Clone();
        copy[123] = value;
        return copy;
    }
}
