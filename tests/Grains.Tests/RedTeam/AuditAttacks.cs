using Grid.Contracts.Audit;
using Grid.Contracts.Identity;
using Grid.Grains.Audit;
using Xunit;
using static Grid.Grains.Tests.RedTeam.RedTeamFixture;

namespace Grid.Grains.Tests.RedTeam;

/// <summary>
/// Issue 9's audit attacks, by an insider with the storage key and no silo secret, against a real silo on Azurite.
/// Each rewrites storage while the grid is down; the grid then starts again, so every audit grain reactivates from
/// what the insider left — the moment the old plain-SHA-256 chain answered "intact".
/// </summary>
[Collection(RedTeamCollection.Name)]
public sealed class AuditAttacks(RedTeamFixture grid)
{
    private readonly InsiderStorage _insider = new(grid.Blobs);

    [Fact]
    public async Task A_search_removed_and_the_chain_recomputed_is_found_where_it_was_removed()
    {
        var force = ForceId.Parse("NL-KLPD");
        await grid.SearchAsync(force, [DeSuspects]);
        await grid.SearchAsync(force, [DeSuspects]);
        Assert.True((await VerifyAsync(force)).Intact);

        long removed = 0;
        await grid.RestartAsync(async () =>
            removed = await _insider.DropAndRechainAsync(force, e => e.Kind == AuditKind.OutgoingSearch && e.Partner == De));

        var result = await VerifyAsync(force);
        Assert.False(result.Intact);
        Assert.Equal(removed, result.FirstBadSeq);
        // The finding is also written into the keyed chain, so it outlives any later "repair" of storage.
        Assert.Contains(await ReadAllAsync(force), e => AuditLog.IsDamageNote(e));
    }

    [Fact]
    public async Task Deleting_the_oldest_segments_outside_retention_is_found()
    {
        var force = ForceId.Parse("FR-PN");
        await NotesAsync(force, 3 * SegmentRecords);
        Assert.True((await VerifyAsync(force)).Intact);
        var segments = await _insider.SegmentNamesAsync(force);
        Assert.True(segments.Count >= 3);

        await grid.RestartAsync(() => _insider.DeleteAsync(segments[0]));

        var result = await VerifyAsync(force);
        Assert.False(result.Intact);
        Assert.Equal(1, result.FirstBadSeq);
        Assert.Contains("oldest segments", result.Problem);
    }

    [Fact]
    public async Task Cutting_off_the_tail_is_found()
    {
        var force = ForceId.Parse("DE-BKA");
        await NotesAsync(force, 2 * SegmentRecords);
        var segments = await _insider.SegmentNamesAsync(force);
        var before = (await _insider.SegmentsAsync(force)).SelectMany(s => s.Entries).Max(e => e.Seq);
        var lastKept = (await _insider.SegmentsAsync(force))[^2].Entries.Max(e => e.Seq);

        await grid.RestartAsync(() => _insider.DeleteAsync(segments[^1]));

        var result = await VerifyAsync(force);
        Assert.False(result.Intact);
        Assert.Equal(lastKept + 1, result.FirstBadSeq);
        Assert.True(lastKept < before);
    }

    /// <summary>
    /// The insider's best move: put back an older copy of the whole log, head record included, so the log is
    /// consistent and the local check cannot tell. The partner still holds the heads of the searches that vanished.
    /// </summary>
    [Fact]
    public async Task A_consistent_rollback_is_caught_by_the_anchors_partners_hold()
    {
        var force = ForceId.Parse("NL-KLPD");
        await grid.SearchAsync(force, [DeSuspects]);
        var backup = await _insider.SnapshotAsync(force);
        await grid.SearchAsync(force, [DeSuspects], seed: 2);
        await grid.SearchAsync(force, [DeSuspects], seed: 3);

        await grid.RestartAsync(() => _insider.RestoreAsync(force, backup));

        As(grid.KeyOf(force));
        var log = grid.Client.GetGrain<IAuditLogGrain>(force.Value);
        var withPartners = await log.VerifyWithPartnersAsync();
        Assert.False(withPartners.Intact);
        Assert.True(withPartners.AnchorsChecked > 0);
        Assert.Contains(withPartners.Findings, f => f.Log == force && f.AnchoredBy == De && f.Problem.Contains("missing"));
    }

    private async Task NotesAsync(ForceId force, int count)
    {
        Internally(null);
        var log = grid.Silo.GetGrain<IAuditLogGrain>(force.Value);
        for (var i = 0; i < count; i++) await log.AppendAsync(AuditEvent.Note(AuditKind.Refusal, "red-team", null, $"note {i}"));
    }

    private async Task<AuditVerification> VerifyAsync(ForceId force)
    {
        As(grid.KeyOf(force));
        return await grid.Client.GetGrain<IAuditLogGrain>(force.Value).VerifyAsync();
    }

    private async Task<List<AuditEntry>> ReadAllAsync(ForceId force)
    {
        As(grid.KeyOf(force));
        return [.. await grid.Client.GetGrain<IAuditLogGrain>(force.Value).ReadAsync(0, 1000)];
    }
}
