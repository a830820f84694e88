using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using Grid.Contracts.Audit;
using Grid.Contracts.Identity;
using Grid.Grains.Security;

namespace Grid.Grains.Audit;

/// <summary>
/// The first record of every audit segment: the sequence and hash the segment's first entry links to,
/// and the statistics counted over every entry before it. Carrying the counts here keeps the statistics
/// all-time after retention deletes the segments that held those entries. <see cref="Mac"/> signs it with the
/// force's audit key (null only in segments begun before issue 9), so what retention leaves is a signed anchor.
/// </summary>
public sealed record AuditAnchor(long Seq, string Hash, ImmutableArray<PartnerStats> Stats, string? Mac = null)
{
    public AuditAnchor Signed(ForceId force, byte[] key) => this with { Mac = ComputeMac(force, key) };

    public bool MacValid(ForceId force, byte[] key) =>
        Mac is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Mac), Encoding.ASCII.GetBytes(ComputeMac(force, key)));

    private string ComputeMac(ForceId force, byte[] key)
    {
        var w = new CanonicalWriter("grid.audit-anchor.v1").String(force.Value).Long(Seq).String(Hash).Int(Stats.Length);
        foreach (var s in Stats)
        {
            w.String(s.Partner.Value).Long(s.SearchesMade).Long(s.SearchesReceived).Long(s.CandidatesReceived).Long(s.CandidatesReturned).Long(s.Refusals);
            // Review counts are signed whenever there are any, so anchors signed before they existed still verify.
            if (s.ConfirmedMatches != 0 || s.FollowUpsRequested != 0 || s.FollowUpsReleased != 0 || s.FollowUpsDeclined != 0)
                w.String("review").Long(s.ConfirmedMatches).Long(s.FollowUpsRequested).Long(s.FollowUpsReleased).Long(s.FollowUpsDeclined);
        }

        return Convert.ToHexStringLower(HMACSHA256.HashData(key, w.ToArray()));
    }
}
