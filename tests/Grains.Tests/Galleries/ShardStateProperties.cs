using CsCheck;
using Grid.Contracts.Search;
using Grid.Grains.Galleries;
using Grid.Grains.Storage;
using Grid.Grains.Tests.Support;
using Grid.Indexing;
using Xunit;

namespace Grid.Grains.Tests.Galleries;

/// <summary>The shard's data without Orleans or storage: de-duplication, removal, best per subject against a
/// brute-force oracle, and replay (from nothing, or from a snapshot plus the records after it) giving back the
/// same answers. A small world (six subjects, eight vectors) so resends and shared vectors happen often.</summary>
public sealed class ShardStateProperties
{
    private static readonly string[] Subjects = ["S-A", "S-B", "S-C", "S-D", "S-E", "S-F"];
    private static readonly float[] Pool = Vectors.Unit(8, seed: 4000);

    /// <summary>An enrolment (subject, pool row) pairs, or a removal (a subject, empty rows).</summary>
    private static readonly Gen<(int Subject, int[] Rows)[]> Batch =
        Gen.Select(Gen.Int[0, Subjects.Length - 1], Gen.Int[0, 7].Array[0, 3]).Array[1, 5];

    private static readonly Gen<(bool Remove, (int Subject, int[] Rows)[] Batch)[]> Operations =
        Gen.Select(Gen.Int[0, 4].Select(i => i == 0), Batch).Array[1, 25];

    [Fact]
    public void Enrolments_are_deduplicated_removals_remove_and_search_is_best_per_subject()
    {
        // Min scores up to 0.9, not 1.0: a self-match scores 1 give or take one float ulp.
        Gen.Select(Operations, Gen.Int[1, 8], Gen.Int[-10, 9]).Sample(t =>
        {
            var (operations, k, minTenths) = t;
            using var state = ShardState.Empty(GalleryConfigEngine, Vectors.Dimension);
            var model = Subjects.ToDictionary(s => s, _ => new HashSet<int>(), StringComparer.Ordinal);
            foreach (var (remove, batch) in operations)
            {
                if (remove)
                {
                    var subject = Subjects[batch[0].Subject];
                    var planned = state.PlanRemoval(subject);
                    Assert.Equal(model[subject].Count, planned?.Templates ?? 0);
                    if (planned is { } p) state.Apply(p.Record);
                    model[subject].Clear();
                    continue;
                }
                var (refs, vectors, rows) = Rows(batch);
                var expectedNew = rows.Select((row, i) => (refs[i], row)).Distinct().Count(r => !model[r.Item1].Contains(r.row));
                var record = state.PlanEnrolment(refs, vectors);
                Assert.Equal(expectedNew, record?.Ids.Length ?? 0);
                if (record is not null) state.Apply(record);
                for (var i = 0; i < refs.Length; i++) model[refs[i]].Add(rows[i]);
                Assert.Null(state.PlanEnrolment(refs, vectors)); // a resend is already present
            }

            Assert.Equal(model.Values.Sum(v => v.Count), state.Index.Count);
            Assert.Equal(model.Count(kv => kv.Value.Count > 0), state.Map.Subjects);
            var oracle = new GalleryOracle();
            foreach (var (subject, rows) in model.Where(kv => kv.Value.Count > 0))
                oracle.Add([.. rows.Select(_ => subject)], Vectors.Concat([.. rows.Select(r => Vectors.Row(Pool, r))]));
            for (var p = 0; p < 9; p++)
            {
                var probe = p < 8 ? Vectors.Row(Pool, p) : Vectors.Unit(1, seed: 4001);
                AssertMatches(oracle, probe, k, minTenths / 10f, state.Search(probe, k, minTenths / 10f));
            }
        });
    }

    [Fact]
    public void Replaying_the_records_from_nothing_or_from_a_snapshot_answers_exactly_as_the_live_state()
    {
        Gen.Select(Operations, Gen.Int[0, 100]).Sample(t =>
        {
            var (operations, cutPercent) = t;
            using var live = ShardState.Empty(GalleryConfigEngine, Vectors.Dimension);
            var records = new List<ShardLogRecord>();
            foreach (var (remove, batch) in operations)
            {
                ShardLogRecord? record = remove
                    ? live.PlanRemoval(Subjects[batch[0].Subject])?.Record
                    : live.PlanEnrolment(Rows(batch).Refs, Rows(batch).Vectors);
                if (record is null) continue;
                live.Apply(record);
                records.Add(record);
            }

            using var replayed = ShardState.Empty(GalleryConfigEngine, Vectors.Dimension);
            foreach (var record in records) replayed.Apply(record);

            var cut = records.Count * cutPercent / 100;
            using var before = ShardState.Empty(GalleryConfigEngine, Vectors.Dimension);
            foreach (var record in records.Take(cut)) before.Apply(record);
            var snapshot = new MemoryStream();
            ShardSnapshotCodec.Write(snapshot, before.Map, before.NextId, before.Index);
            snapshot.Position = 0;
            var (map, nextId, index) = ShardSnapshotCodec.Read(snapshot);
            using var restored = new ShardState(index, map, nextId);
            foreach (var record in records.Skip(cut)) restored.Apply(record);

            foreach (var copy in new[] { replayed, restored })
            {
                Assert.Equal(live.NextId, copy.NextId);
                Assert.Equal(live.Index.Count, copy.Index.Count);
                for (var p = 0; p < 8; p++)
                    Assert.Equal(live.Search(Vectors.Row(Pool, p), 6, -1f), copy.Search(Vectors.Row(Pool, p), 6, -1f));
            }
        });
    }

    [Fact]
    public void A_subject_with_many_templates_does_not_crowd_others_out_of_the_answer()
    {
        // 200 near-copies of one template for one subject: the first fetch (k * 2 + 16) holds only that subject.
        using var state = ShardState.Empty(GalleryConfigEngine, Vectors.Dimension);
        var centre = Vectors.Row(Pool, 0);
        var crowd = Vectors.Concat([.. Enumerable.Range(0, 200).Select(i => Vectors.Near(centre, 0.05f, seed: 4100 + i))]);
        state.Apply(state.PlanEnrolment([.. Enumerable.Repeat("CROWD", 200)], crowd)!);
        state.Apply(state.PlanEnrolment(["S-A", "S-B"], Vectors.Concat(Vectors.Near(centre, 0.9f, 4400), Vectors.Near(centre, 1.2f, 4401)))!);

        var hits = state.Search(centre, 3, -1f);
        Assert.Equal(["CROWD", "S-A", "S-B"], hits.Select(h => h.SubjectRef));
    }

    private const string GalleryConfigEngine = VectorIndexFactory.DefaultSpec;

    private static (string[] Refs, float[] Vectors, int[] Rows) Rows((int Subject, int[] Rows)[] batch)
    {
        var pairs = batch.SelectMany(b => b.Rows.Select(r => (Subjects[b.Subject], r))).ToArray();
        return ([.. pairs.Select(p => p.Item1)], Vectors.Concat([.. pairs.Select(p => Vectors.Row(Pool, p.r))]), [.. pairs.Select(p => p.r)]);
    }

    /// <summary>The oracle's scores in the oracle's order, each subject once at its own best score; subjects with
    /// equal scores (one vector enrolled for several) may come in either order.</summary>
    private static void AssertMatches(GalleryOracle oracle, float[] probe, int k, float minScore, ShardHit[] actual)
    {
        var expected = oracle.Search(probe, k, minScore);
        var best = oracle.Search(probe, int.MaxValue).ToDictionary(h => h.SubjectRef, h => h.Score, StringComparer.Ordinal);
        Assert.Equal(expected.Length, actual.Length);
        Assert.Equal(actual.Length, actual.Select(h => h.SubjectRef).Distinct().Count());
        for (var i = 0; i < actual.Length; i++)
        {
            Assert.Equal(expected[i].Score, actual[i].Score, 1e-5);
            Assert.Equal(best[actual[i].SubjectRef], actual[i].Score, 1e-5);
        }
    }
}
