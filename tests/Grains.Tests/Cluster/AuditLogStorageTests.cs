using System.Security.Cryptography;
using Azure.Storage.Blobs.Specialized;
using Grid.Contracts.Audit;
using Grid.Contracts.Identity;
using Grid.Grains.Audit;
using Grid.Grains.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;
using static Grid.Grains.Tests.Cluster.GridClusterFixture;

namespace Grid.Grains.Tests.Cluster;

/// <summary>The audit log's durable form on a real Azurite: tampering, torn appends, retention and growth.</summary>
[Collection(GridClusterCollection.Name)]
public sealed class AuditLogStorageTests(GridClusterFixture grid)
{
    private readonly ManualClock _clock = new(Samples.Now);

    [Fact]
    public async Task The_log_survives_a_restart_of_the_grid()
    {
        Internally(null);
        var log = grid.Silo.GetGrain<IAuditLogGrain>("BE-RESTART");
        for (var i = 0; i < 5; i++)
        {
            await log.AppendAsync(new AuditEvent(AuditKind.IncomingSearch, "DE-BKA:bob", Samples.De, "murder", $"C-{i}", [], [], i, ""));
        }

        Internally(Principal.Operator("ops"));
        var before = await log.ExportAsync();

        // A second grid on the same storage, with nothing in memory: the log must come back from the blobs alone.
        await using var restarted = await StartClusterAsync(grid.Blobs, grid.Secret);
        var again = restarted.GetSiloServiceProvider(restarted.GetActiveSilos().First().SiloAddress)
            .GetRequiredService<IGrainFactory>().GetGrain<IAuditLogGrain>("BE-RESTART");
        Internally(Principal.Operator("ops"));
        var after = await again.ExportAsync();
        Assert.Equal(before.Entries.Select(e => e.Hash), after.Entries.Select(e => e.Hash));
        Assert.True((await again.VerifyAsync()).Intact);
        Assert.Equal((0, 5, 0, 10, 0), Counts((await again.GetStatsAsync()).Partners.Single()));

        Internally(null);
        var next = await again.AppendAsync(AuditEvent.Note(AuditKind.Refusal, "x", Samples.De, "after restart"));
        Assert.Equal((6L, before.Entries[^1].Hash), (next.Seq, next.PrevHash));
    }

    [Theory]
    [InlineData("flip a byte")]
    [InlineData("rewrite with a good checksum")]
    [InlineData("remove")]
    [InlineData("swap")]
    public async Task Tampering_in_storage_is_reported_at_the_first_bad_entry(string tamper)
    {
        var (log, store) = await OpenAsync("NL-TAMPER" + tamper.Length, new AuditOptions());
        for (var i = 0; i < 6; i++)
        {
            await log.AppendAsync(AuditEvent.Note(AuditKind.Refusal, "x", Samples.De, $"refusal {i}"));
        }

        Assert.True((await log.VerifyStorageAsync()).Intact);
        var blob = store.Segment(log.Chain.Force, 0);
        var bytes = await ReadAsync(blob);
        var frames = Frames(bytes);
        var third = frames[3]; // frame 0 is the anchor: entry n is frame n
        bytes = tamper switch
        {
            "flip a byte" => Flip(bytes, third.Offset + third.Length / 2),
            "rewrite with a good checksum" => [.. bytes[..third.Offset], .. Reencoded(log.Chain.Entries[2]), .. bytes[(third.Offset + third.Length)..]],
            "remove" => [.. bytes[..third.Offset], .. bytes[(third.Offset + third.Length)..]],
            _ => [.. bytes[..third.Offset], .. Slice(bytes, frames[4]), .. Slice(bytes, third), .. bytes[(frames[4].Offset + frames[4].Length)..]],
        };
        await RewriteAsync(blob, bytes);

        var result = await log.VerifyStorageAsync();
        Assert.False(result.Intact);
        Assert.Equal(3, result.FirstBadSeq);
        Assert.NotNull(result.Problem);
    }

    [Fact]
    public async Task A_torn_tail_is_ignored_and_appends_continue_in_a_new_segment()
    {
        var force = ForceId.Parse("NL-TORN");
        var (log, store) = await OpenAsync(force.Value, new AuditOptions());
        for (var i = 0; i < 3; i++)
        {
            await log.AppendAsync(AuditEvent.Note(AuditKind.Refusal, "x", null, $"{i}"));
        }

        // Half of a fourth record: what a write cut off before its acknowledgement leaves behind.
        var torn = Reencoded(log.Chain.Entries[2] with { Seq = 4 });
        await store.AppendAsync(force, 0, (await ReadAsync(store.Segment(force, 0))).Length, torn[..(torn.Length / 2)]);

        var reopened = await AuditLog.OpenAsync(force, store, new AuditOptions(), _clock, TestKeys.Audit(force));
        Assert.Equal(3, reopened.Chain.HeadSeq);
        Assert.True((await reopened.VerifyStorageAsync()).Intact);
        var fourth = await reopened.AppendAsync(AuditEvent.Note(AuditKind.Refusal, "x", null, "after the tear"));
        Assert.Equal(4, fourth.Seq);
        Assert.Equal([0L, 1L], await store.ListSegmentsAsync(force));
        var verification = await (await AuditLog.OpenAsync(force, store, new AuditOptions(), _clock, TestKeys.Audit(force))).VerifyStorageAsync();
        Assert.True(verification.Intact, verification.Problem);
        Assert.Equal(fourth.Hash, verification.HeadHash);
    }

    [Fact]
    public async Task Retention_deletes_old_segments_and_what_remains_verifies_from_its_anchor()
    {
        var force = ForceId.Parse("NL-RETAIN");
        var options = new AuditOptions { Retention = TimeSpan.FromDays(10), SegmentSpan = TimeSpan.FromDays(2) };
        var (log, store) = await OpenAsync(force.Value, options);
        for (var day = 0; day < 30; day++)
        {
            await log.AppendAsync(new AuditEvent(AuditKind.OutgoingSearch, "x", Samples.De, "murder", "C-1", [], [], 1, $"day {day}"));
            _clock.Now += TimeSpan.FromDays(1);
        }

        // Segments of two days; those whose last entry is over ten days old are gone.
        Assert.True(log.Chain.AnchorSeq > 0);
        Assert.All(log.Chain.Entries.Skip(2), e => Assert.True(e.Time >= _clock.Now - options.Retention));
        Assert.True(log.Chain.Entries[0].Time >= _clock.Now - options.Retention - options.SegmentSpan - TimeSpan.FromDays(1));
        Assert.True((await store.ListSegmentsAsync(force)).Count <= 7);
        var verification = await log.VerifyStorageAsync();
        Assert.True(verification.Intact, verification.Problem);
        Assert.True(AuditChain.Verify(log.Chain.Export(), TestKeys.Audit(force), 30, log.Chain.HeadHash).Intact);

        // Statistics stay all-time: the anchor carries the counts of the deleted entries.
        var reopened = await AuditLog.OpenAsync(force, store, options, _clock, TestKeys.Audit(force));
        Assert.Equal((log.Chain.AnchorSeq, log.Chain.AnchorHash), (reopened.Chain.AnchorSeq, reopened.Chain.AnchorHash));
        Assert.Equal((30, 0, 30, 0, 0), Counts(reopened.Stats.Single()));
        Assert.True((await reopened.VerifyStorageAsync()).Intact);
    }

    [Fact]
    public async Task Full_segments_roll_and_the_chain_runs_across_them()
    {
        var force = ForceId.Parse("NL-ROLL");
        var options = new AuditOptions { SegmentRecords = 10 };
        var (log, store) = await OpenAsync(force.Value, options);
        for (var i = 0; i < 25; i++)
        {
            await log.AppendAsync(AuditEvent.Note(AuditKind.Refusal, "x", null, $"{i}"));
        }

        Assert.Equal([0L, 1L, 2L], await store.ListSegmentsAsync(force));
        Assert.True((await log.VerifyStorageAsync()).Intact);

        // Deleting a whole middle segment breaks the link between its neighbours.
        await store.DeleteSegmentAsync(force, 1);
        var result = await log.VerifyStorageAsync();
        Assert.False(result.Intact);
        Assert.Equal(11, result.FirstBadSeq);
    }

    [Fact]
    public async Task A_thousand_appends_add_one_record_each_and_never_rewrite_old_bytes()
    {
        var force = ForceId.Parse("NL-GROWTH");
        var (log, store) = await OpenAsync(force.Value, new AuditOptions());
        await log.AppendAsync(AuditEvent.Note(AuditKind.Refusal, "x", Samples.De, "first"));
        var blob = store.Segment(force, 0);
        var start = await ReadAsync(blob);
        var length = (long)start.Length;
        for (var i = 0; i < 1000; i++)
        {
            var entry = await log.AppendAsync(new AuditEvent(AuditKind.IncomingSearch, "DE-BKA:bob", Samples.De, "murder", $"C-{i}", [], [], 3, ""));
            var now = (await blob.GetPropertiesAsync()).Value.ContentLength;
            Assert.Equal(length + AuditLogCodec.Encode(entry).Length, now);
            length = now;
        }

        var end = await ReadAsync(blob);
        Assert.Equal(start, end[..start.Length]);
        Assert.Equal(1001, log.Chain.Entries.Count);
    }

    [Fact]
    public async Task Appends_arriving_together_are_written_in_groups_and_form_one_chain()
    {
        var force = ForceId.Parse("NL-GROUP");
        Internally(null);
        var log = grid.Silo.GetGrain<IAuditLogGrain>(force.Value);
        var entries = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => log.AppendAsync(AuditEvent.Note(AuditKind.Refusal, "x", Samples.De, $"together {i}"))));

        Assert.Equal(Enumerable.Range(1, 40).Select(i => (long)i), entries.Select(e => e.Seq).Order());
        Internally(Principal.Operator("ops"));
        Assert.True((await log.VerifyAsync()).Intact);
        Assert.Equal(entries.Select(e => e.Hash).Order(), (await log.ExportAsync()).Entries.Select(e => e.Hash).Order());
        // The anchor is one block; 40 entries sent at once take far fewer than 40 more.
        var store = new AuditBlobStore(grid.Blobs, Options.Create(new AuditOptions()));
        var blocks = (await store.Segment(force, 0).GetPropertiesAsync()).Value.BlobCommittedBlockCount;
        Assert.True(blocks < 21, $"{blocks} append blocks for the anchor and 40 entries sent together");
    }

    [Fact]
    public async Task The_head_record_trails_storage_by_the_last_append_until_flushed_and_a_record_naming_another_entry_is_damage()
    {
        var force = ForceId.Parse("NL-HEADLAG");
        var (log, store) = await OpenAsync(force.Value, new AuditOptions { HeadRaiseInterval = TimeSpan.Zero });
        for (var i = 0; i < 3; i++)
        {
            await log.AppendAsync(AuditEvent.Note(AuditKind.Refusal, "x", null, $"{i}"));
        }

        // Written alongside the third append: it names the second, which storage already held; never the third early.
        var record = AuditHeadRecord.Decode((await store.ReadHeadAsync(force))!)!;
        Assert.Equal((2L, log.Chain.Entries[1].Hash), (record.HeadSeq, record.HeadHash));
        Assert.True(log.HeadRecordBehind);
        await log.FlushHeadAsync();
        record = AuditHeadRecord.Decode((await store.ReadHeadAsync(force))!)!;
        Assert.Equal((3L, log.Chain.Entries[2].Hash), (record.HeadSeq, record.HeadHash));
        Assert.False(log.HeadRecordBehind);
        Assert.True((await log.VerifyStorageAsync()).Intact);

        // A (validly keyed) record naming a different entry at a sequence number storage holds: the log was forked there.
        var forked = (record with { HeadSeq = 2, HeadHash = log.Chain.Entries[0].Hash }).Signed(force, TestKeys.Audit(force));
        await store.WriteHeadAsync(force, forked.Encode());
        var reopened = await AuditLog.OpenAsync(force, store, new AuditOptions(), _clock, TestKeys.Audit(force));
        var result = await reopened.VerifyStorageAsync();
        Assert.False(result.Intact);
        Assert.Equal(2, result.FirstBadSeq);
    }

    [Fact]
    public async Task While_appends_flow_the_head_record_is_raised_at_most_once_per_interval_and_never_ahead_of_storage()
    {
        var force = ForceId.Parse("NL-HEADRATE");
        var options = new AuditOptions { HeadRaiseInterval = TimeSpan.FromMilliseconds(250) };
        var (log, store) = await OpenAsync(force.Value, options);
        _clock.Now += TimeSpan.FromSeconds(1);
        await log.AppendAsync(AuditEvent.Note(AuditKind.Refusal, "x", null, "first"));
        await log.FlushHeadAsync();
        var raised = AuditHeadRecord.Decode((await store.ReadHeadAsync(force))!)!;
        Assert.Equal(log.Durable.Seq, raised.HeadSeq);

        // Within the interval: three more appends, no head write (storage requests saved), the record unchanged.
        for (var i = 0; i < 3; i++)
        {
            _clock.Now += TimeSpan.FromMilliseconds(50);
            await log.AppendAsync(AuditEvent.Note(AuditKind.Refusal, "x", null, $"within {i}"));
        }
        Assert.Equal(raised, AuditHeadRecord.Decode((await store.ReadHeadAsync(force))!)!);
        Assert.True(log.HeadRecordBehind);

        // Past the interval: the next append raises it to what storage held before that append, never to the append itself.
        _clock.Now += TimeSpan.FromMilliseconds(250);
        var last = await log.AppendAsync(AuditEvent.Note(AuditKind.Refusal, "x", null, "after"));
        var record = AuditHeadRecord.Decode((await store.ReadHeadAsync(force))!)!;
        Assert.Equal(last.Seq - 1, record.HeadSeq);
        Assert.Equal(log.Chain.Entries.Single(e => e.Seq == record.HeadSeq).Hash, record.HeadHash);
        await log.FlushHeadAsync();
        Assert.False(log.HeadRecordBehind);
        Assert.True((await log.VerifyStorageAsync()).Intact);
    }

    private async Task<(AuditLog Log, AuditBlobStore Store)> OpenAsync(string force, AuditOptions options)
    {
        var store = new AuditBlobStore(grid.Blobs, Options.Create(options));
        return (await AuditLog.OpenAsync(ForceId.Parse(force), store, options, _clock, TestKeys.Audit(ForceId.Parse(force))), store);
    }

    private static (long, long, long, long, long) Counts(PartnerStats s) =>
        (s.SearchesMade, s.SearchesReceived, s.CandidatesReceived, s.CandidatesReturned, s.Refusals);

    /// <summary>An entry changed and encoded afresh, with a checksum that matches: only the hash chain can tell.</summary>
    private static byte[] Reencoded(AuditEntry entry) => AuditLogCodec.Encode(entry with { Detail = entry.Detail + " (edited)" });

    private static List<(int Offset, int Length)> Frames(byte[] bytes)
    {
        var frames = new List<(int, int)>();
        for (var offset = 0; offset < bytes.Length;)
        {
            var length = BitConverter.ToInt32(bytes, offset) + 8;
            frames.Add((offset, length));
            offset += length;
        }

        return frames;
    }

    private static byte[] Slice(byte[] bytes, (int Offset, int Length) frame) => bytes[frame.Offset..(frame.Offset + frame.Length)];

    private static byte[] Flip(byte[] bytes, int at)
    {
        bytes[at] ^= 0xFF;
        return bytes;
    }

    private static async Task<byte[]> ReadAsync(AppendBlobClient blob) => (await blob.DownloadContentAsync()).Value.Content.ToArray();

    /// <summary>What an attacker with storage access does: replace the blob with edited bytes.</summary>
    private static async Task RewriteAsync(AppendBlobClient blob, byte[] bytes)
    {
        await blob.DeleteAsync();
        await blob.CreateAsync(new Azure.Storage.Blobs.Models.AppendBlobCreateOptions());
        using var content = new MemoryStream(bytes);
        await blob.AppendBlockAsync(content);
    }
}
