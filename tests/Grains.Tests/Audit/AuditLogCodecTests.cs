using Grid.Contracts.Audit;
using Grid.Contracts.Galleries;
using Grid.Grains.Audit;
using Grid.Grains.Tests.Support;
using Xunit;

namespace Grid.Grains.Tests.Audit;

public class AuditLogCodecTests
{
    [Fact]
    public void Entries_and_anchors_round_trip_exactly_and_still_hash_the_same()
    {
        var chain = AuditChain.Empty(Samples.Nl, TestKeys.Audit(Samples.Nl));
        var asked = Samples.Galleries(Samples.De, "suspects", "convicted");
        var search = chain.Append(new AuditEvent(AuditKind.OutgoingSearch, "NL-KLPD:alice", Samples.De, "murder", "C-1", asked, asked[..1], 3, "ok"), Samples.Now);
        var note = chain.Append(AuditEvent.Note(AuditKind.IdentityChange, "NL-KLPD:admin", null, "user added"), Samples.Now.ToOffset(TimeSpan.FromHours(2)));
        var anchor = new AuditAnchor(search.Seq, search.Hash, [new PartnerStats(Samples.De, 1, 2, 3, 4, 5)]);

        var segment = AuditLogCodec.Decode(7, [.. AuditLogCodec.Encode(anchor), .. AuditLogCodec.Encode(search), .. AuditLogCodec.Encode(note)]);

        Assert.Equal((anchor.Seq, anchor.Hash), (segment.Anchor!.Seq, segment.Anchor.Hash));
        Assert.Equal(anchor.Stats.ToArray(), segment.Anchor.Stats.ToArray());
        Assert.Equal([search, note], segment.Entries, new EntryComparer());
        Assert.Equal(note.Time.Offset, segment.Entries[1].Time.Offset);
        Assert.All(segment.Entries, e => Assert.Equal(e.Hash, AuditChain.ComputeHash(e, TestKeys.Audit(Samples.Nl))));
        Assert.Equal(Samples.De, segment.Entries[0].Partner);
        Assert.Equal(asked.ToArray(), segment.Entries[0].GalleriesAsked.ToArray());
        Assert.False(segment.TornTail);
        Assert.Null(segment.Damage);
    }

    [Fact]
    public void A_cut_or_damaged_last_record_is_a_torn_tail_but_a_damaged_middle_record_is_damage()
    {
        var chain = AuditChain.Empty(Samples.Nl, TestKeys.Audit(Samples.Nl));
        var anchor = AuditLogCodec.Encode(new AuditAnchor(0, AuditChain.ZeroHash, []));
        var first = AuditLogCodec.Encode(chain.Append(AuditEvent.Note(AuditKind.Refusal, "x", null, "1"), Samples.Now));
        var second = AuditLogCodec.Encode(chain.Append(AuditEvent.Note(AuditKind.Refusal, "x", null, "2"), Samples.Now));

        var cut = AuditLogCodec.Decode(0, [.. anchor, .. first, .. second[..^3]]);
        Assert.True(cut.TornTail);
        Assert.Single(cut.Entries);
        Assert.Equal(anchor.Length + first.Length, cut.ValidLength);

        var lastFlipped = (byte[])[.. anchor, .. first, .. second];
        lastFlipped[^6] ^= 0xFF;
        Assert.True(AuditLogCodec.Decode(0, lastFlipped).TornTail);

        var middleFlipped = (byte[])[.. anchor, .. first, .. second];
        middleFlipped[anchor.Length + 10] ^= 0xFF;
        var damaged = AuditLogCodec.Decode(0, middleFlipped);
        Assert.False(damaged.TornTail);
        Assert.Equal(0, damaged.Damage!.EntriesBefore);
        Assert.Equal(2, damaged.Entries.Single().Seq);
    }

    /// <summary>Records compare arrays by reference; entries are equal here when every field and gallery is.</summary>
    private sealed class EntryComparer : IEqualityComparer<AuditEntry>
    {
        public bool Equals(AuditEntry? x, AuditEntry? y) =>
            x is not null && y is not null && x with { GalleriesAsked = [], GalleriesAnswered = [] } == y with { GalleriesAsked = [], GalleriesAnswered = [] }
            && x.GalleriesAsked.SequenceEqual(y.GalleriesAsked) && x.GalleriesAnswered.SequenceEqual(y.GalleriesAnswered);

        public int GetHashCode(AuditEntry obj) => obj.Seq.GetHashCode();
    }
}
