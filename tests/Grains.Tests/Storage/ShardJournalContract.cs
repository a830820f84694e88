using Grid.Contracts.Errors;
using Grid.Contracts.Galleries;
using Grid.Grains.Galleries;
using Grid.Grains.Storage;
using Grid.Grains.Tests.Support;
using Xunit;

namespace Grid.Grains.Tests.Storage;

/// <summary>
/// What every <see cref="IShardJournal"/> must do, run against memory (fast) and Azurite (real): what was appended
/// survives a crash and nothing else does; checkpoints move to a new epoch and clean up the old one; a torn tail is
/// ignored and never appended after; lost data refuses to open; a journal cut off from storage refuses appends.
/// A "process" is one journal opened on storage; <see cref="Crash"/> cuts every process so far off from storage.
/// </summary>
public abstract class ShardJournalContract
{
    /// <summary>Small, so a 100-row enrolment is several frames.</summary>
    protected static readonly GridStorageOptions Options = new() { MaxLogFrameBytes = 64 * 1024, SnapshotAfterLogBytes = 256 * 1024 };

    private static readonly ShardConfig Config = new(new GalleryId("DE-BKA", "journal"), 0, GalleryConfig.DefaultEngine, "test-model-1");

    private readonly string _shard = $"DE-BKA/journal-{Guid.NewGuid():N}/0";

    protected abstract IShardJournal Open(string shard);

    protected abstract Task CrashAsync();

    protected abstract Task<string[]> NamesAsync(string shard);

    protected abstract Task AppendGarbageAsync(string shard, string name, byte[] bytes);

    protected abstract Task DeleteAsync(string shard, string name);

    [Fact]
    public async Task A_shard_never_created_opens_as_nothing()
    {
        var journal = Open(_shard);
        Assert.Null(await journal.OpenAsync());
        Assert.Null(journal.Config);
    }

    [Fact]
    public async Task Appended_records_survive_a_crash_and_changes_never_appended_do_not()
    {
        var journal = Open(_shard);
        using var live = await journal.CreateAsync(Config);
        var parts = await AppendAsync(journal, live, live.PlanEnrolment(Refs("A", 100), Vectors.Unit(100, seed: 5000))!);
        Assert.Equal(4, parts); // 64 KiB frames hold 28 rows
        await AppendAsync(journal, live, live.PlanRemoval("A-007")!.Value.Record);
        var expected = Answers(live);
        live.Apply(live.PlanEnrolment(Refs("MEMORY-ONLY", 5), Vectors.Unit(5, seed: 5001))!); // never appended

        await CrashAsync();
        var reopened = Open(_shard);
        using var state = await reopened.OpenAsync();
        Assert.NotNull(state);
        Assert.Equal(Config, reopened.Config);
        Assert.Equal(99, state.Index.Count);
        Assert.Equal(expected, Answers(state));
        Assert.True(reopened.HasUncheckpointedRecords);
        Assert.Equal(["log-00000000.bin", "manifest.json"], await NamesAsync(_shard));
        // The resent batch is recognised from the replayed log alone.
        Assert.Null(state.PlanEnrolment(Refs("A", 100).Where(r => r != "A-007").ToArray(),
            Vectors.Concat([.. Enumerable.Range(0, 100).Where(i => i != 7).Select(i => Vectors.Row(Vectors.Unit(100, seed: 5000), i))])));
    }

    [Fact]
    public async Task A_checkpoint_starts_a_new_epoch_and_what_follows_it_survives_a_crash()
    {
        var journal = Open(_shard);
        using var live = await journal.CreateAsync(Config);
        await AppendAsync(journal, live, live.PlanEnrolment(Refs("A", 150), Vectors.Unit(150, seed: 5100))!);
        Assert.True(journal.IsCheckpointDue); // 150 rows of ~2.1 KB pass 256 KiB
        await journal.CheckpointAsync(live);
        Assert.False(journal.IsCheckpointDue);
        Assert.False(journal.HasUncheckpointedRecords);
        Assert.Equal(0, journal.LogBytes);
        await AppendAsync(journal, live, live.PlanEnrolment(Refs("LATE", 10), Vectors.Unit(10, seed: 5101))!);
        await AppendAsync(journal, live, live.PlanRemoval("A-003")!.Value.Record);
        var expected = Answers(live);

        await CrashAsync();
        Assert.Equal(["log-00000001.bin", "manifest.json", "snapshot-00000001.bin"], await NamesAsync(_shard));
        var reopened = Open(_shard);
        using var state = await reopened.OpenAsync();
        Assert.Equal(159, state!.Index.Count);
        Assert.Equal(expected, Answers(state));
        Assert.Equal(live.NextId, state.NextId);
    }

    [Fact]
    public async Task A_torn_tail_is_ignored_and_the_journal_rolls_to_a_new_epoch_before_appending_again()
    {
        var journal = Open(_shard);
        using var live = await journal.CreateAsync(Config);
        await AppendAsync(journal, live, live.PlanEnrolment(Refs("T", 20), Vectors.Unit(20, seed: 5200))!);
        var expected = Answers(live);
        await CrashAsync();
        var garbage = new byte[777];
        new Random(5201).NextBytes(garbage);
        await AppendGarbageAsync(_shard, "log-00000000.bin", garbage);

        var second = Open(_shard);
        using var state = await second.OpenAsync();
        Assert.Equal(expected, Answers(state!));
        Assert.Equal(["log-00000001.bin", "manifest.json", "snapshot-00000001.bin"], await NamesAsync(_shard));
        await AppendAsync(second, state!, state!.PlanEnrolment(Refs("N", 5), Vectors.Unit(5, seed: 5202))!);
        var more = Answers(state);

        await CrashAsync();
        var third = Open(_shard);
        using var again = await third.OpenAsync();
        Assert.Equal(25, again!.Index.Count);
        Assert.Equal(more, Answers(again));
    }

    [Fact]
    public async Task A_lost_log_or_snapshot_refuses_to_open_rather_than_answer_empty()
    {
        var journal = Open(_shard);
        using var live = await journal.CreateAsync(Config);
        await AppendAsync(journal, live, live.PlanEnrolment(Refs("L", 3), Vectors.Unit(3, seed: 5300))!);
        await CrashAsync();
        await DeleteAsync(_shard, "log-00000000.bin");
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => Open(_shard).OpenAsync());
        Assert.Contains("log", error.Message);
    }

    [Fact]
    public async Task A_journal_cut_off_from_storage_fails_the_append_and_refuses_further_ones()
    {
        var journal = Open(_shard);
        using var live = await journal.CreateAsync(Config);
        await CrashAsync();
        var record = live.PlanEnrolment(Refs("C", 2), Vectors.Unit(2, seed: 5400))!;
        await Assert.ThrowsAsync<StorageUnavailableException>(() => AppendAsync(journal, live, record));
        await Assert.ThrowsAsync<StorageUnavailableException>(() => AppendAsync(journal, live, live.PlanRemoval("X")?.Record ?? new ShardLogRecord.Removed("X")));
        Assert.Equal(0, live.Index.Count);
    }

    private static async Task<int> AppendAsync(IShardJournal journal, ShardState state, ShardLogRecord record)
    {
        var parts = 0;
        await foreach (var part in journal.AppendAsync(record))
        {
            state.Apply(part);
            parts++;
        }
        return parts;
    }

    private static string[] Refs(string prefix, int n) => [.. Enumerable.Range(0, n).Select(i => $"{prefix}-{i:D3}")];

    /// <summary>Every probe's answer, exact scores included, for before/after comparison.</summary>
    private static string[] Answers(ShardState state) =>
        [.. Enumerable.Range(0, 6).SelectMany(p => state.Search(Vectors.Unit(1, seed: 5900 + p), 10, -1f).Select(h => $"{p} {h.SubjectRef} {h.Score:R}"))];
}
