using Grid.Contracts.Audit;
using Grid.Contracts.Identity;

namespace Grid.Grains.Audit;

/// <summary>
/// Verifies a force's log as storage holds it: each segment must begin with an anchor that continues the
/// segment before it, no record before a segment's tail may be damaged, and the entries must form one
/// chain from the first anchor to the head the log acknowledged. Reports the first sequence number that is wrong.
/// </summary>
public static class AuditStorageVerifier
{
    public static AuditVerification Verify(ForceId force, IReadOnlyList<AuditSegment> segments, long expectedHeadSeq, string expectedHeadHash)
    {
        AuditAnchor? first = null;
        var entries = new List<AuditEntry>();
        AuditExport Export() => new(force, first?.Seq ?? 0, first?.Hash ?? AuditChain.ZeroHash, [.. entries]);

        // A structural problem sits after the entries read so far; any break among those comes first.
        AuditVerification Broken(string problem)
        {
            var sofar = AuditChain.Verify(Export());
            return sofar.Intact ? new AuditVerification(false, entries.Count, (first?.Seq ?? 0) + entries.Count + 1, problem, sofar.HeadHash) : sofar;
        }

        foreach (var segment in segments)
        {
            if (segment is { Anchor: null, Entries.Count: 0, Damage: null })
            {
                // Empty, or its anchor's append was torn: a roll that never completed, so nothing was acknowledged in it.
                continue;
            }

            if (segment.Anchor is not { } anchor)
            {
                return Broken(segment.Damage?.Problem ?? $"Segment {segment.Number} does not begin with an anchor.");
            }

            if (first is null)
            {
                first = anchor;
            }
            else
            {
                var (headSeq, headHash) = entries.Count > 0 ? (entries[^1].Seq, entries[^1].Hash) : (first.Seq, first.Hash);
                if (anchor.Seq != headSeq || !string.Equals(anchor.Hash, headHash, StringComparison.Ordinal))
                {
                    return Broken($"Segment {segment.Number} continues from entry {anchor.Seq}, but the log before it ends at entry {headSeq}: entries were removed or replaced.");
                }
            }

            if (segment.Damage is { } damage)
            {
                entries.AddRange(segment.Entries.Take(damage.EntriesBefore));
                return Broken(damage.Problem);
            }

            entries.AddRange(segment.Entries);
        }

        return AuditChain.Verify(Export(), expectedHeadSeq, expectedHeadHash);
    }
}
