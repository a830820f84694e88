using Azure.Storage.Blobs.Models;
using Grid.Contracts.Audit;
using Grid.Contracts.Identity;
using Grid.Grains.Audit;
using Grid.Grains.Tests.Support;
using Microsoft.Extensions.Options;
using Xunit;

namespace Grid.Grains.Tests.Cluster;

/// <summary>Logs written before keyed audit (plain SHA-256, no head record, unsigned anchors) on a real Azurite:
/// refused as damaged unless the operator's migration switch adopts them, after which they are pinned by a keyed entry.</summary>
[Collection(GridClusterCollection.Name)]
public sealed class AuditMigrationTests(GridClusterFixture grid)
{
    private readonly ManualClock _clock = new(Samples.Now);

    [Fact]
    public async Task An_unkeyed_log_is_reported_until_adopted_and_once_adopted_its_old_entries_are_pinned()
    {
        var force = ForceId.Parse("NL-LEGACY");
        var key = TestKeys.Audit(force);
        var store = new AuditBlobStore(grid.Blobs, Options.Create(new AuditOptions()));
        var legacy = await WriteLegacyLogAsync(store, force, 4);

        var unadopted = await AuditLog.OpenAsync(force, store, new AuditOptions(), _clock, key);
        var refused = await unadopted.VerifyStorageAsync();
        Assert.False(refused.Intact);
        Assert.Contains("head record is missing", refused.Problem);
        // Nothing is appended to it (that would make a head record and hide the question) until it is adopted.
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => unadopted.AppendAsync(AuditEvent.Note(AuditKind.Refusal, "x", null, "y")));
        Assert.Contains("AdoptUnsealedState", e.Message);

        // A fresh copy of the legacy log, adopted: intact, and new entries are keyed.
        var adoptedForce = ForceId.Parse("NL-ADOPTED");
        var adoptedKey = TestKeys.Audit(adoptedForce);
        await WriteLegacyLogAsync(store, adoptedForce, 4);
        var adopted = await AuditLog.OpenAsync(adoptedForce, store, new AuditOptions(), _clock, adoptedKey, adoptUnkeyed: true);
        Assert.Contains(adopted.Chain.Entries, e => e.Kind == AuditKind.Integrity && e.Detail.StartsWith("Keyed chain begins", StringComparison.Ordinal));
        var next = await adopted.AppendAsync(AuditEvent.Note(AuditKind.Refusal, "x", null, "after adoption"));
        Assert.Equal(AuditChain.ComputeHash(next, adoptedKey), next.Hash);
        var reopened = await AuditLog.OpenAsync(adoptedForce, store, new AuditOptions(), _clock, adoptedKey);
        var verification = await reopened.VerifyStorageAsync();
        Assert.True(verification.Intact, verification.Problem);

        // Rewriting an adopted (unkeyed) entry afterwards breaks the keyed entry that vouches for their head.
        var blob = store.Segment(adoptedForce, 0);
        var segment = AuditLogCodec.Decode(0, (await blob.DownloadContentAsync()).Value.Content.ToArray());
        var edited = segment.Entries[1] with { Detail = "edited" };
        edited = edited with { Hash = AuditChain.LegacyHash(edited) };
        var rest = segment.Entries.Skip(2).ToList();
        var prev = edited.Hash;
        for (var i = 0; i < rest.Count && rest[i].Seq < reopened.Chain.KeyedFromSeq; i++)
        {
            rest[i] = rest[i] with { PrevHash = prev };
            rest[i] = rest[i] with { Hash = AuditChain.LegacyHash(rest[i]) };
            prev = rest[i].Hash;
        }

        byte[] bytes = [.. AuditLogCodec.Encode(segment.Anchor!), .. AuditLogCodec.Encode(segment.Entries[0]), .. AuditLogCodec.Encode(edited),
            .. rest.SelectMany(AuditLogCodec.Encode)];
        await blob.DeleteAsync();
        await blob.CreateAsync(new AppendBlobCreateOptions());
        await blob.AppendBlockAsync(new MemoryStream(bytes));
        var tampered = await (await AuditLog.OpenAsync(adoptedForce, store, new AuditOptions(), _clock, adoptedKey)).VerifyStorageAsync();
        Assert.False(tampered.Intact);
        Assert.True(legacy.Count == 4);
    }

    /// <summary>What a pre-issue-9 silo wrote: an unsigned anchor and plain SHA-256 entries, no head record.</summary>
    private async Task<List<AuditEntry>> WriteLegacyLogAsync(AuditBlobStore store, ForceId force, int count)
    {
        var entries = new List<AuditEntry>();
        var prev = AuditChain.ZeroHash;
        for (var seq = 1; seq <= count; seq++)
        {
            var e = new AuditEntry(seq, Samples.Now.AddMinutes(seq - 100), AuditKind.Refusal, "x", force, null, null, null, [], [], 0, $"legacy {seq}", prev, "");
            e = e with { Hash = AuditChain.LegacyHash(e) };
            entries.Add(e);
            prev = e.Hash;
        }

        await store.CreateSegmentAsync(force, 0);
        var length = await store.AppendAsync(force, 0, 0, AuditLogCodec.Encode(new AuditAnchor(0, AuditChain.ZeroHash, [])));
        foreach (var e in entries) length = await store.AppendAsync(force, 0, length, AuditLogCodec.Encode(e));
        return entries;
    }
}
