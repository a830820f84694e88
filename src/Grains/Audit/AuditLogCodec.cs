using System.Collections.Immutable;
using System.Text;
using Grid.Contracts.Audit;
using Grid.Contracts.Galleries;
using Grid.Contracts.Identity;
using Grid.Grains.Storage;

namespace Grid.Grains.Audit;

/// <summary>
/// Audit segment records in the shard log's frame, <c>[int32 length][payload][uint32 crc32(payload)]</c>, payload =
/// <c>[kind byte][body]</c>: kind 1 is the segment's anchor, kind 2 an entry, in a compact binary form that keeps
/// every field exactly (time as UTC ticks plus offset) so the stored entry hashes as it did when appended. Since
/// issue 9: kind 4 is a signed anchor (kind 1 + MAC), kind 3 an entry with its partner anchor (kind 2 + head).
/// </summary>
public static class AuditLogCodec
{
    /// <summary>Well above any real entry, well below an append block's 4 MiB: a larger length is damage.</summary>
    public const int MaxPayloadBytes = 1024 * 1024;

    private const byte AnchorKind = 1;
    private const byte EntryKind = 2;
    private const byte AnchoredEntryKind = 3;
    private const byte SignedAnchorKind = 4;
    // Kinds 5 and 6: anchors (unsigned, signed) whose partner counts also carry confirmed matches and follow-ups.
    // Written from now on; kind 1 and 4 anchors of older segments are still read (their review counts are 0).
    private const byte ReviewAnchorKind = 5;
    private const byte SignedReviewAnchorKind = 6;
    private const int FrameOverhead = CrcFrame.Overhead;

    public static byte[] Encode(AuditAnchor anchor) => Frame(anchor.Mac is null ? ReviewAnchorKind : SignedReviewAnchorKind, w =>
    {
        if (anchor.Mac is not null) w.Write(anchor.Mac);
        w.Write(anchor.Seq);
        w.Write(anchor.Hash);
        w.Write(anchor.Stats.Length);
        foreach (var s in anchor.Stats)
        {
            w.Write(s.Partner.Value);
            w.Write(s.SearchesMade);
            w.Write(s.SearchesReceived);
            w.Write(s.CandidatesReceived);
            w.Write(s.CandidatesReturned);
            w.Write(s.Refusals);
            w.Write(s.ConfirmedMatches);
            w.Write(s.FollowUpsRequested);
            w.Write(s.FollowUpsReleased);
            w.Write(s.FollowUpsDeclined);
        }
    });

    public static byte[] Encode(AuditEntry e) => Frame(AnchoredEntryKind, w =>
    {
        w.Write(e.PartnerHead is not null);
        if (e.PartnerHead is { } head)
        {
            w.Write(head.Seq);
            w.Write(head.Hash);
        }

        w.Write(e.Seq);
        w.Write(e.Time.UtcTicks);
        w.Write((short)e.Time.Offset.TotalMinutes);
        w.Write((int)e.Kind);
        w.Write(e.Actor);
        w.Write(e.Force.Value);
        WriteOptional(w, e.Partner?.Value);
        WriteOptional(w, e.Offence);
        WriteOptional(w, e.CaseReference);
        WriteGalleries(w, e.GalleriesAsked);
        WriteGalleries(w, e.GalleriesAnswered);
        w.Write(e.CandidateCount);
        w.Write(e.Detail);
        w.Write(e.PrevHash);
        w.Write(e.Hash);
    });

    /// <summary>
    /// Reads a whole segment. A record cut short by the end of the blob, or a damaged last record, is a torn
    /// append that was never acknowledged and is ignored. A damaged record with more after it is tampering:
    /// the first is kept in <see cref="AuditSegment.Damage"/> and reading goes on after it when its length
    /// can be trusted, so one bad record does not hide the rest of the log.
    /// </summary>
    public static AuditSegment Decode(long number, ReadOnlySpan<byte> data)
    {
        var segment = new AuditSegment { Number = number, Length = data.Length };
        var offset = 0;
        while (offset < data.Length)
        {
            var remaining = data.Length - offset;
            var length = remaining >= 4 ? BitConverter.ToInt32(data.Slice(offset, 4)) : -1;
            if (remaining < 4 || (length is > 0 and <= MaxPayloadBytes && length + FrameOverhead > remaining))
            {
                segment.TornTail = true;
                break;
            }

            if (length is <= 0 or > MaxPayloadBytes)
            {
                // Without a length there is no next record to find: everything from here on is unreadable.
                Damaged(segment, $"the record at byte {offset} has an impossible length {length}");
                break;
            }

            var payload = data.Slice(offset + 4, length);
            var end = offset + length + FrameOverhead;
            if (!CrcFrame.Intact(payload, data.Slice(offset + 4 + length, 4)))
            {
                if (end == data.Length)
                {
                    segment.TornTail = true;
                    break;
                }

                Damaged(segment, $"the record at byte {offset} fails its checksum");
            }
            else if (ReadPayload(segment, payload.ToArray(), offset) is { } problem)
            {
                Damaged(segment, problem);
            }

            offset = end;
            segment.ValidLength = end;
        }

        return segment;
    }

    private static string? ReadPayload(AuditSegment segment, byte[] payload, int offset)
    {
        try
        {
            using var r = new BinaryReader(new MemoryStream(payload), Encoding.UTF8);
            switch (r.ReadByte())
            {
                case (AnchorKind or SignedAnchorKind or ReviewAnchorKind or SignedReviewAnchorKind) and var anchorKind
                    when segment is { Anchor: null, Entries.Count: 0, Damage: null } && offset == 0:
                    var mac = anchorKind is SignedAnchorKind or SignedReviewAnchorKind ? r.ReadString() : null;
                    segment.Anchor = ReadAnchor(r, anchorKind is ReviewAnchorKind or SignedReviewAnchorKind) with { Mac = mac };
                    return null;
                case AnchorKind or SignedAnchorKind or ReviewAnchorKind or SignedReviewAnchorKind:
                    return $"the record at byte {offset} is an anchor that is not the segment's first record";
                case EntryKind or AnchoredEntryKind when segment.Anchor is null:
                    return $"the record at byte {offset} is an entry before the segment's anchor";
                case EntryKind:
                    segment.Entries.Add(ReadEntry(r, null));
                    return null;
                case AnchoredEntryKind:
                    var head = r.ReadBoolean() ? new AuditHead(r.ReadInt64(), r.ReadString()) : null;
                    segment.Entries.Add(ReadEntry(r, head));
                    return null;
                case var kind:
                    return $"the record at byte {offset} has unknown kind {kind}";
            }
        }
        catch (Exception e) when (e is EndOfStreamException or IOException or InvalidDataException or ArgumentException or FormatException)
        {
            return $"the record at byte {offset} cannot be read ({e.Message})";
        }
    }

    private static AuditAnchor ReadAnchor(BinaryReader r, bool withReviewCounts)
    {
        var seq = r.ReadInt64();
        var hash = r.ReadString();
        var stats = new PartnerStats[Count(r)];
        for (var i = 0; i < stats.Length; i++)
        {
            var searches = new PartnerStats(ForceId.Parse(r.ReadString()), r.ReadInt64(), r.ReadInt64(), r.ReadInt64(), r.ReadInt64(), r.ReadInt64());
            stats[i] = withReviewCounts
                ? searches with { ConfirmedMatches = r.ReadInt64(), FollowUpsRequested = r.ReadInt64(), FollowUpsReleased = r.ReadInt64(), FollowUpsDeclined = r.ReadInt64() }
                : searches;
        }

        return new AuditAnchor(seq, hash, [.. stats]);
    }

    private static AuditEntry ReadEntry(BinaryReader r, AuditHead? partnerHead) => new(
        Seq: r.ReadInt64(),
        Time: new DateTimeOffset(r.ReadInt64(), TimeSpan.Zero).ToOffset(TimeSpan.FromMinutes(r.ReadInt16())),
        Kind: (AuditKind)r.ReadInt32(),
        Actor: r.ReadString(),
        Force: ForceId.Parse(r.ReadString()),
        Partner: ReadOptional(r) is { } partner ? ForceId.Parse(partner) : null,
        Offence: ReadOptional(r),
        CaseReference: ReadOptional(r),
        GalleriesAsked: ReadGalleries(r),
        GalleriesAnswered: ReadGalleries(r),
        CandidateCount: r.ReadInt32(),
        Detail: r.ReadString(),
        PrevHash: r.ReadString(),
        Hash: r.ReadString(),
        PartnerHead: partnerHead);

    /// <summary>A count can never exceed the bytes left; checking keeps a forged count from allocating gigabytes.</summary>
    private static int Count(BinaryReader r)
    {
        var count = r.ReadInt32();
        return count >= 0 && count <= r.BaseStream.Length - r.BaseStream.Position
            ? count
            : throw new InvalidDataException($"count {count} does not fit the record");
    }

    private static void Damaged(AuditSegment segment, string problem) =>
        segment.Damage ??= new AuditDamage(segment.Entries.Count, $"Segment {segment.Number}: {problem}.");

    private static byte[] Frame(byte kind, Action<BinaryWriter> body)
    {
        using var payload = new MemoryStream();
        using (var w = new BinaryWriter(payload, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(kind);
            body(w);
        }

        return CrcFrame.Wrap(payload.GetBuffer().AsSpan(0, (int)payload.Length));
    }

    private static void WriteOptional(BinaryWriter w, string? value)
    {
        w.Write(value is not null);
        if (value is not null) w.Write(value);
    }

    private static string? ReadOptional(BinaryReader r) => r.ReadBoolean() ? r.ReadString() : null;

    private static void WriteGalleries(BinaryWriter w, ImmutableArray<GalleryId> galleries)
    {
        var list = galleries.IsDefault ? [] : galleries;
        w.Write(list.Length);
        foreach (var g in list)
        {
            w.Write(g.Force);
            w.Write(g.Name);
        }
    }

    private static ImmutableArray<GalleryId> ReadGalleries(BinaryReader r)
    {
        var galleries = new GalleryId[Count(r)];
        for (var i = 0; i < galleries.Length; i++)
        {
            galleries[i] = new GalleryId(r.ReadString(), r.ReadString());
        }

        return [.. galleries];
    }
}
