using Grid.Contracts.Audit;
using Grid.Contracts.Identity;

namespace Grid.Grains.Audit;

/// <summary>
/// Verifies a force's log as storage holds it: each segment must begin with an anchor (signed, once the chain is
/// keyed) that continues the segment before it, no record before a segment's tail may be damaged, the entries must
/// form one keyed chain from the first anchor to the head the log acknowledged, and the first anchor may not be
/// younger than the oldest point the head record says retention kept. Reports the first sequence number that is wrong.
/// </summary>
public static class AuditStorageVerifier
{
    public static AuditVerification Verify(
        ForceId force, byte[] key, IReadOnlyList<AuditSegment> segments, long expectedHeadSeq, string expectedHeadHash, AuditHeadRecord? record)
    {
        AuditAnchor? first = null;
        var keyedFrom = record?.KeyedFromSeq ?? 0;
        var entries = new List<AuditEntry>();
        AuditExport Export() => new(force, first?.Seq ?? 0, first?.Hash ?? AuditChain.ZeroHash, [.. entries], keyedFrom);

        // A structural problem sits after the entries read so far; any break among those comes first.
        AuditVerification Broken(string problem, long? at = null)
        {
            var sofar = AuditChain.Verify(Export(), key);
            return sofar.Intact ? new AuditVerification(false, entries.Count, at ?? (first?.Seq ?? 0) + entries.Count + 1, problem, sofar.HeadHash) : sofar;
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

            if (anchor.Seq >= keyedFrom && !anchor.MacValid(force, key))
            {
                return Broken($"Segment {segment.Number}'s anchor (after entry {anchor.Seq}) is not signed with {force}'s audit key: it was forged or replaced.", anchor.Seq + 1);
            }

            if (first is null)
            {
                first = anchor;
                if (record is not null && (anchor.Seq > record.OldestSeq || (anchor.Seq == record.OldestSeq && anchor.Hash != record.OldestHash)))
                {
                    return new AuditVerification(false, 0, record.OldestSeq + 1,
                        $"The log begins after entry {anchor.Seq}, but retention kept everything after entry {record.OldestSeq}: " +
                        "the oldest segments were deleted or replaced outside retention.", anchor.Hash);
                }
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

        if (first is null && record is not null && record.OldestSeq > 0)
        {
            return new AuditVerification(false, 0, record.OldestSeq + 1,
                $"Storage holds no segment, but retention kept everything after entry {record.OldestSeq}: the log was deleted.", AuditChain.ZeroHash);
        }

        var result = AuditChain.Verify(Export(), key, expectedHeadSeq, expectedHeadHash);

        // The head record may trail storage (it is written alongside the next append), but the entry it names must be
        // the one storage holds: a different one means the log was rewritten (forked) from there.
        var at = record is null || first is null ? -1 : record.HeadSeq - first.Seq - 1;
        if (result.Intact && at >= 0 && at < entries.Count && !string.Equals(entries[(int)at].Hash, record!.HeadHash, StringComparison.Ordinal))
        {
            return new AuditVerification(false, entries.Count, record.HeadSeq,
                $"Entry {record.HeadSeq} is not the one the head record names: the log was rewritten from there.", result.HeadHash);
        }

        return result;
    }
}
