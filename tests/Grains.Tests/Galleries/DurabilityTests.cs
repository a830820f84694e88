using Grid.Contracts.Galleries;
using Grid.Contracts.Search;
using Grid.Grains.Galleries;
using Grid.Grains.Tests.Support;
using Xunit;

namespace Grid.Grains.Tests.Galleries;

/// <summary>What is acknowledged survives a crash (silos killed, no deactivation snapshot), whether the
/// shard's data sits in snapshots plus a log or in the log alone; removal and damage survive it too. Run with
/// shards journaled in blob storage (<see cref="BlobJournalDurabilityTests"/>) and in memory
/// (<see cref="InMemoryJournalDurabilityTests"/>).</summary>
public abstract class DurabilityTests(GalleryClusterFixture grid)
{
    [Fact]
    public async Task Remove_really_removes_and_stays_removed_after_a_restart()
    {
        var id = new GalleryId("FR-PN", "removal");
        await grid.CreateAsync(id, GalleryClusterFixture.Config(shards: 2));
        var vectors = Vectors.Unit(60, seed: 1000);
        var refs = Enumerable.Range(0, 60).Select(i => i < 57 ? $"R-{i:D2}" : "R-MULTI").ToArray(); // last three: one subject
        await grid.EnrolAsync(id, refs, vectors);
        Assert.Equal((60L, 58L), await grid.CountsAsync(id));

        var probe7 = Vectors.Row(vectors, 7);
        Assert.Equal("R-07", (await grid.SearchAsync(id, probe7, 1)).Candidates[0].SubjectRef);

        Assert.Equal(1, await grid.RemoveAsync(id, "R-07"));
        Assert.Equal(3, await grid.RemoveAsync(id, "R-MULTI"));
        Assert.Equal(0, await grid.RemoveAsync(id, "R-07"));
        Assert.Equal(0, await grid.RemoveAsync(id, "NEVER-ENROLLED"));
        Assert.Equal((56L, 56L), await grid.CountsAsync(id));
        await AssertNeverReturnedAsync(id, vectors, ["R-07", "R-MULTI"], [7, 57, 58, 59]);

        await grid.RestartAsync();
        Assert.Equal((56L, 56L), await grid.CountsAsync(id));
        await AssertNeverReturnedAsync(id, vectors, ["R-07", "R-MULTI"], [7, 57, 58, 59]);
    }

    [Fact]
    public async Task Acknowledged_enrolments_survive_a_crash_from_snapshots_plus_log_and_from_the_log_alone()
    {
        // Snapshotted: ~2.1 KB per template, 1200 templates over 2 shards pass the 256 KiB threshold several times.
        var snap = new GalleryId("DE-BKA", "durable-snap");
        await grid.CreateAsync(snap, GalleryClusterFixture.Config(shards: 2));
        var snapVectors = Vectors.Unit(1200, seed: 1100);
        var snapRefs = Enumerable.Range(0, 1200).Select(i => $"D-{i:D4}").ToArray();
        Assert.Equal(new EnrolResult(1200, 0), await grid.EnrolAllAsync(snap, snapRefs, snapVectors, batch: 300));
        // After the last snapshot: a small enrolment and a removal that live only in the current log.
        var lateVectors = Vectors.Unit(10, seed: 1101);
        var lateRefs = Enumerable.Range(0, 10).Select(i => $"LATE-{i}").ToArray();
        await grid.EnrolAsync(snap, lateRefs, lateVectors);
        Assert.Equal(1, await grid.RemoveAsync(snap, "D-0005"));

        // Log only: far below the threshold, and a crash leaves no deactivation snapshot.
        var log = new GalleryId("DE-BKA", "durable-log");
        await grid.CreateAsync(log, GalleryClusterFixture.Config(shards: 2));
        var logVectors = Vectors.Unit(40, seed: 1102);
        var logRefs = Enumerable.Range(0, 40).Select(i => $"L-{i:D2}").ToArray();
        await grid.EnrolAsync(log, logRefs, logVectors);
        Assert.Equal(1, await grid.RemoveAsync(log, "L-03"));

        for (var shard = 0; shard < 2; shard++)
        {
            var snapBlobs = await grid.ShardBlobsAsync(snap, shard);
            Assert.Contains(snapBlobs, b => b.StartsWith("snapshot-", StringComparison.Ordinal));
            Assert.DoesNotContain("log-00000000.bin", snapBlobs); // old epochs are cleaned up
            Assert.Equal(["log-00000000.bin", "manifest.json"], await grid.ShardBlobsAsync(log, shard));
        }

        var probes = new[] { Vectors.Row(snapVectors, 5), Vectors.Row(snapVectors, 900), Vectors.Row(lateVectors, 3), Vectors.Row(logVectors, 3), Vectors.Row(logVectors, 20) }
            .Concat(Enumerable.Range(0, 3).Select(i => Vectors.Unit(1, seed: 1110 + i))).ToArray();
        var before = await SnapshotOfAsync([snap, log], probes);
        Assert.Equal((1209L, 1209L), await grid.CountsAsync(snap));
        Assert.Equal((39L, 39L), await grid.CountsAsync(log));

        await grid.RestartAsync();

        Assert.Equal((1209L, 1209L), await grid.CountsAsync(snap));
        Assert.Equal((39L, 39L), await grid.CountsAsync(log));
        var after = await SnapshotOfAsync([snap, log], probes);
        Assert.Equal(before, after);
        Assert.Contains(after, line => line.Contains("LATE-3"));
        Assert.DoesNotContain(after, line => line.Contains("D-0005") || line.Contains("L-03"));
        for (var shard = 0; shard < 2; shard++)
            Assert.Equal(["log-00000000.bin", "manifest.json"], await grid.ShardBlobsAsync(log, shard)); // still log only

        // A resent batch (same subjects, same vectors) is recognised after the restart, from snapshot and log alike.
        Assert.Equal(new EnrolResult(0, 300), await grid.EnrolAsync(snap, snapRefs[300..600], snapVectors[(300 * Vectors.Dimension)..(600 * Vectors.Dimension)]));
        Assert.Equal(new EnrolResult(0, 10), await grid.EnrolAsync(snap, lateRefs, lateVectors));
        Assert.Equal(new EnrolResult(0, 39), await grid.EnrolAsync(log, logRefs.Where(r => r != "L-03").ToArray(),
            Vectors.Concat([.. Enumerable.Range(0, 40).Where(i => i != 3).Select(i => Vectors.Row(logVectors, i))])));
        Assert.Equal((1209L, 1209L), await grid.CountsAsync(snap));
        Assert.Equal((39L, 39L), await grid.CountsAsync(log));
        Assert.Equal(before, await SnapshotOfAsync([snap, log], probes));
    }

    [Fact]
    public async Task A_resent_batch_is_already_present_not_duplicated_but_a_new_template_of_the_subject_is_added()
    {
        var id = new GalleryId("FR-PN", "resend");
        await grid.CreateAsync(id, GalleryClusterFixture.Config(shards: 4));
        var vectors = Vectors.Unit(50, seed: 1200);
        var refs = Enumerable.Range(0, 50).Select(i => $"X-{i:D2}").ToArray();
        Assert.Equal(new EnrolResult(50, 0), await grid.EnrolAsync(id, refs, vectors));
        Assert.Equal(new EnrolResult(0, 50), await grid.EnrolAsync(id, refs, vectors));
        // The same vector twice inside one batch is stored once.
        var twice = Vectors.Unit(1, seed: 1201);
        Assert.Equal(new EnrolResult(1, 1), await grid.EnrolAsync(id, ["X-NEW", "X-NEW"], Vectors.Concat(twice, twice)));
        // Another template for an enrolled subject, and the same vector for another subject, are new.
        Assert.Equal(new EnrolResult(2, 0), await grid.EnrolAsync(id, ["X-00", "X-OTHER"], Vectors.Concat(Vectors.Unit(1, seed: 1202), Vectors.Row(vectors, 1))));
        Assert.Equal((53L, 52L), await grid.CountsAsync(id));
        var top = (await grid.SearchAsync(id, Vectors.Row(vectors, 0), 3)).Candidates;
        Assert.Equal("X-00", top[0].SubjectRef);
        Assert.Single(top, c => c.SubjectRef == "X-00");
    }

    [Fact]
    public async Task A_torn_log_tail_is_ignored_and_the_shard_keeps_working_across_restarts()
    {
        var id = new GalleryId("NL-KLPD", "torn");
        await grid.CreateAsync(id, GalleryClusterFixture.Config(shards: 1));
        var vectors = Vectors.Unit(50, seed: 1300);
        var refs = Enumerable.Range(0, 50).Select(i => $"T-{i:D2}").ToArray();
        await grid.EnrolAsync(id, refs, vectors);
        Assert.Equal(1, await grid.RemoveAsync(id, "T-09"));
        var probes = Enumerable.Range(0, 5).Select(i => Vectors.Row(vectors, i * 9)).ToArray();
        var before = await SnapshotOfAsync([id], probes);
        Assert.Equal(["log-00000000.bin", "manifest.json"], await grid.ShardBlobsAsync(id, 0));

        var garbage = new byte[777];
        new Random(1301).NextBytes(garbage);
        await grid.RestartAsync(whileStopped: async () =>
        {
            await grid.AppendToShardBlobAsync(id, 0, "log-00000000.bin", garbage);
        });

        Assert.Equal((49L, 49L), await grid.CountsAsync(id));
        Assert.Equal(before, await SnapshotOfAsync([id], probes));
        // The damaged epoch was rolled over: new appends never land after the garbage.
        Assert.DoesNotContain("log-00000000.bin", await grid.ShardBlobsAsync(id, 0));

        var more = Vectors.Unit(10, seed: 1302);
        var moreRefs = Enumerable.Range(0, 10).Select(i => $"N-{i}").ToArray();
        Assert.Equal(new EnrolResult(10, 0), await grid.EnrolAsync(id, moreRefs, more));
        Assert.Equal(new EnrolResult(0, 50 - 1), await grid.EnrolAsync(id, refs.Where(r => r != "T-09").ToArray(),
            Vectors.Concat([.. Enumerable.Range(0, 50).Where(i => i != 9).Select(i => Vectors.Row(vectors, i))])));

        var withNew = await SnapshotOfAsync([id], [.. probes, Vectors.Row(more, 0), Vectors.Row(more, 9)]);

        await grid.RestartAsync();
        Assert.Equal((59L, 59L), await grid.CountsAsync(id));
        Assert.Equal(withNew, await SnapshotOfAsync([id], [.. probes, Vectors.Row(more, 0), Vectors.Row(more, 9)]));
        for (var i = 0; i < 10; i++)
            Assert.Equal($"N-{i}", (await grid.SearchAsync(id, Vectors.Row(more, i), 1)).Candidates[0].SubjectRef);
        for (var i = 0; i < 50; i += 7)
        {
            var top = (await grid.SearchAsync(id, Vectors.Row(vectors, i), 1)).Candidates[0];
            if (i == 9) Assert.NotEqual("T-09", top.SubjectRef);
            else Assert.Equal(refs[i], top.SubjectRef);
        }
    }

    [Fact]
    public async Task A_broken_shard_makes_a_partial_result_with_coverage_not_an_error()
    {
        var good = new GalleryId("DE-BKA", "coverage-good");
        var hurt = new GalleryId("DE-BKA", "coverage-hurt");
        await grid.CreateAsync(good, GalleryClusterFixture.Config(shards: 2));
        await grid.CreateAsync(hurt, GalleryClusterFixture.Config(shards: 2));
        var goodVectors = Vectors.Unit(30, seed: 1400);
        var hurtVectors = Vectors.Unit(30, seed: 1401);
        var goodRefs = Enumerable.Range(0, 30).Select(i => $"G-{i:D2}").ToArray();
        var hurtRefs = Enumerable.Range(0, 30).Select(i => $"H-{i:D2}").ToArray();
        await grid.EnrolAsync(good, goodRefs, goodVectors);
        await grid.EnrolAsync(hurt, hurtRefs, hurtVectors);

        // Storage loses shard 1 of the second gallery (manifest and log), then the silo restarts.
        await grid.RestartAsync(whileStopped: async () =>
        {
            foreach (var name in await grid.ShardBlobsAsync(hurt, 1))
                await grid.DeleteShardBlobAsync(hurt, 1, name);
        });

        var survivors = Enumerable.Range(0, 30).Where(i => ShardRouter.ShardOf(hurtRefs[i], 2) == 0).ToArray();
        Assert.InRange(survivors.Length, 1, 29); // both shards held subjects, so the test loses some and keeps some
        var oracleGood = new GalleryOracle();
        oracleGood.Add(goodRefs, goodVectors);
        var oracleHurt = new GalleryOracle();
        oracleHurt.Add(survivors.Select(i => hurtRefs[i]).ToArray(), Vectors.Concat([.. survivors.Select(i => Vectors.Row(hurtVectors, i))]));

        var probe = Vectors.Unit(1, seed: 1402);
        var response = await grid.SearchAsync([good, hurt], probe, 100);
        Assert.Equal(4, response.Coverage.Asked);
        Assert.Equal(3, response.Coverage.Answered);
        Assert.Equal(1, response.Coverage.Failed);
        var failed = Assert.Single(response.Coverage.Shards, s => s.Outcome == ShardOutcome.Failed);
        Assert.Equal(ShardKeys.For(hurt, 1), failed.Shard);
        Assert.False(string.IsNullOrEmpty(failed.Error));
        var expected = oracleGood.Search(probe, 100).Select(h => (good.Name, h.SubjectRef, h.Score))
            .Concat(oracleHurt.Search(probe, 100).Select(h => (hurt.Name, h.SubjectRef, h.Score)))
            .OrderByDescending(h => h.Score).ToArray();
        Assert.Equal(expected.Select(e => (e.Name, e.SubjectRef)), response.Candidates.Select(c => (c.Gallery, c.SubjectRef)));
        // A probe equal to a lost subject's template finds the survivors, not the lost one.
        var lost = Enumerable.Range(0, 30).First(i => !survivors.Contains(i));
        var lostSearch = await grid.SearchAsync([hurt], Vectors.Row(hurtVectors, lost), 5);
        Assert.DoesNotContain(lostSearch.Candidates, c => c.SubjectRef == hurtRefs[lost]);
        Assert.Equal(1, lostSearch.Coverage.Failed);
    }

    [Fact]
    public async Task A_shard_whose_log_is_lost_fails_loudly_instead_of_answering_empty()
    {
        var id = new GalleryId("DE-BKA", "lost-log");
        await grid.CreateAsync(id, GalleryClusterFixture.Config(shards: 1));
        var vectors = Vectors.Unit(20, seed: 1450);
        await grid.EnrolAsync(id, Enumerable.Range(0, 20).Select(i => $"LL-{i:D2}").ToArray(), vectors);

        // The manifest still names epoch 0, but its log (the only copy of the 20 templates) is gone.
        await grid.RestartAsync(whileStopped: () => grid.DeleteShardBlobAsync(id, 0, "log-00000000.bin"));

        var response = await grid.SearchAsync([id], Vectors.Row(vectors, 0), 5);
        Assert.Equal(1, response.Coverage.Failed);
        Assert.Contains("log", Assert.Single(response.Coverage.Shards).Error);
        Assert.Empty(response.Candidates);
    }

    [Fact]
    public async Task A_shard_that_misses_the_deadline_is_reported_timed_out()
    {
        // Deterministic enough to assert: the only shard is busy with a long enrolment (~160 log appends,
        // which never interleave with a search) while the search allows it 1 ms. The search also resolves
        // the gallery for the first time during that enrolment, which must not wait for it either.
        var id = new GalleryId("NL-KLPD", "deadline");
        await grid.CreateAsync(id, GalleryClusterFixture.Config(shards: 1));
        var vectors = Vectors.Unit(10, seed: 1500);
        await grid.EnrolAsync(id, Enumerable.Range(0, 10).Select(i => $"Q-{i}").ToArray(), vectors);

        Task<long> LogLengthAsync() => grid.ShardBlobLengthAsync(id, 0, "log-00000000.bin");
        var logLength = await LogLengthAsync();
        var bulk = Vectors.Unit(5000, seed: 1501);
        var enrolment = grid.EnrolAsync(id, Enumerable.Range(0, 5000).Select(i => $"B-{i:D4}").ToArray(), bulk);
        // Wait until the shard is inside the enrolment: its log has started to grow.
        while (await LogLengthAsync() == logLength)
        {
            Assert.False(enrolment.IsCompleted, "the enrolment finished before it was seen in progress");
            await Task.Delay(2);
        }
        var response = await grid.SearchAsync([id], Vectors.Row(vectors, 0), 5, deadline: TimeSpan.FromMilliseconds(1));
        Assert.False(enrolment.IsCompleted, "the enrolment finished before the search was refused");
        Assert.True(response.Coverage.TimedOut == 1, string.Join("; ", response.Coverage.Shards.Select(r => $"{r.Shard} {r.Outcome} {r.Error}")) + $" candidates {response.Candidates.Length}");
        Assert.Empty(response.Candidates);
        Assert.Contains("no answer within", Assert.Single(response.Coverage.Shards).Error);

        Assert.Equal(new EnrolResult(5000, 0), await enrolment);
        var later = await grid.SearchAsync([id], Vectors.Row(vectors, 0), 5);
        Assert.True(later.Coverage.Complete);
        Assert.Equal("Q-0", later.Candidates[0].SubjectRef);
    }

    private async Task AssertNeverReturnedAsync(GalleryId id, float[] vectors, string[] removed, int[] rows)
    {
        foreach (var row in rows)
        {
            var response = await grid.SearchAsync(id, Vectors.Row(vectors, row), SearchRequest.MaxK);
            Assert.True(response.Coverage.Complete);
            Assert.DoesNotContain(response.Candidates, c => removed.Contains(c.SubjectRef));
        }
    }

    /// <summary>Every candidate of every probe, as text (exact float scores included), for before/after comparison.</summary>
    private async Task<string[]> SnapshotOfAsync(GalleryId[] galleries, float[][] probes)
    {
        var lines = new List<string>();
        foreach (var probe in probes)
        {
            var response = await grid.SearchAsync(galleries, probe, 20);
            Assert.True(response.Coverage.Complete);
            lines.AddRange(response.Candidates.Select(c => $"{c.Rank} {c.Force}/{c.Gallery} {c.SubjectRef} {c.Score:R}"));
            lines.Add("--");
        }
        return [.. lines];
    }
}
