using System.Text;
using Grid.Contracts.Audit;
using Grid.Grains.Audit;
using Grid.Grains.Storage;
using Grid.Grains.Tests.Support;
using Xunit;

namespace Grid.Grains.Tests.Review;

/// <summary>Art 72 counts: confirmed matches and follow-ups per partner, kept across segment anchors.</summary>
public sealed class ReviewStatsTests
{
    [Fact]
    public void Review_entries_are_counted_per_partner()
    {
        var stats = new AuditStats(Samples.Nl, []);
        var chain = AuditChain.Empty(Samples.Nl, TestKeys.Audit(Samples.Nl));
        foreach (var kind in new[] { AuditKind.MatchConfirmed, AuditKind.FollowUpRequested, AuditKind.FollowUpRequested, AuditKind.FollowUpReleased,
                     AuditKind.FollowUpDeclined, AuditKind.ReviewDecision, AuditKind.FollowUpExtended, AuditKind.CandidateImage })
            stats.Count(chain.Append(AuditEvent.Note(kind, "NL-KLPD:alice", Samples.De, "x"), Samples.Now));
        var de = Assert.Single(stats.ToArray());
        Assert.Equal((1, 2, 1, 1), (de.ConfirmedMatches, de.FollowUpsRequested, de.FollowUpsReleased, de.FollowUpsDeclined));
        Assert.Equal((0, 0, 0), (de.SearchesMade, de.SearchesReceived, de.Refusals));
    }

    [Fact]
    public void Anchors_carry_the_review_counts_and_older_anchors_still_read()
    {
        var anchor = new AuditAnchor(4, AuditChain.ZeroHash, [new PartnerStats(Samples.De, 1, 2, 3, 4, 5, 6, 7, 8, 9)]);
        var segment = AuditLogCodec.Decode(1, AuditLogCodec.Encode(anchor));
        Assert.Equal(anchor.Stats.ToArray(), segment.Anchor!.Stats.ToArray());

        // A kind-1 anchor as written before review counts existed: [kind][seq][hash][count][partner + 5 counts].
        using var payload = new MemoryStream();
        using (var w = new BinaryWriter(payload, Encoding.UTF8, leaveOpen: true))
        {
            w.Write((byte)1);
            w.Write(4L);
            w.Write(AuditChain.ZeroHash);
            w.Write(1);
            w.Write(Samples.De.Value);
            foreach (var n in new long[] { 1, 2, 3, 4, 5 }) w.Write(n);
        }

        var old = AuditLogCodec.Decode(1, CrcFrame.Wrap(payload.ToArray()));
        Assert.Null(old.Damage);
        Assert.Equal(new PartnerStats(Samples.De, 1, 2, 3, 4, 5), Assert.Single(old.Anchor!.Stats));
    }

    [Fact]
    public void Signed_anchors_cover_the_review_counts()
    {
        var key = TestKeys.Audit(Samples.Nl);
        var anchor = new AuditAnchor(4, AuditChain.ZeroHash, [new PartnerStats(Samples.De, 1, 2, 3, 4, 5, 6, 7, 8, 9)]).Signed(Samples.Nl, key);
        var read = AuditLogCodec.Decode(1, AuditLogCodec.Encode(anchor)).Anchor!;
        Assert.True(read.MacValid(Samples.Nl, key));
        Assert.Equal(anchor.Stats.ToArray(), read.Stats.ToArray());
        var forged = read with { Stats = [read.Stats[0] with { FollowUpsReleased = 0 }] };
        Assert.False(forged.MacValid(Samples.Nl, key));
    }
}
