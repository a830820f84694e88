using System.Collections.Immutable;
using Grid.Contracts.Audit;
using Grid.Contracts.Identity;

namespace Grid.Grains.Audit;

/// <summary>
/// A force's durable audit log: the hash chain in memory, its records in append-blob segments. An append
/// writes one record to the current segment and returns only once storage has it, so its cost does not
/// grow with the log. A new segment (starting with an anchor) is begun when the current one is full, old
/// or ends in a torn append; retention then deletes the oldest segments whose every entry has expired.
/// Not thread-safe: the grain serialises appends.
/// </summary>
public sealed class AuditLog
{
    private readonly ForceId _force;
    private readonly AuditBlobStore _store;
    private readonly AuditOptions _options;
    private readonly TimeProvider _clock;
    private readonly List<Segment> _segments;
    private readonly AuditStats _stats;
    private long _nextNumber;
    private Segment? _current;
    private bool _aheadOfStorage;

    private AuditLog(ForceId force, AuditBlobStore store, AuditOptions options, TimeProvider clock, IReadOnlyList<AuditSegment> stored)
    {
        (_force, _store, _options, _clock) = (force, store, options, clock);
        _nextNumber = stored.Count > 0 ? stored[^1].Number + 1 : 0;
        var anchored = stored.Where(s => s.Anchor is not null).ToList();
        var anchor = anchored.FirstOrDefault()?.Anchor ?? new AuditAnchor(0, AuditChain.ZeroHash, []);
        Chain = new AuditChain(force, anchor.Seq, anchor.Hash, anchored.SelectMany(s => s.Entries));
        _stats = new AuditStats(force, anchor.Stats);
        foreach (var entry in Chain.Entries)
        {
            _stats.Count(entry);
        }

        _segments = [.. anchored.Select(s => new Segment(s.Number, s.Length, s.Entries.Count, s.Entries.FirstOrDefault()?.Time, s.Entries.LastOrDefault()?.Time))];

        // Appends continue in the last segment only if it ends cleanly; after a torn append they go to a new one,
        // so the damaged bytes stay a harmless tail instead of becoming damage in the middle.
        if (stored.Count > 0 && stored[^1] is { Anchor: not null, TornTail: false })
        {
            _current = _segments[^1];
        }
    }

    public AuditChain Chain { get; }

    public ImmutableArray<PartnerStats> Stats => _stats.ToArray();

    public static async Task<AuditLog> OpenAsync(ForceId force, AuditBlobStore store, AuditOptions options, TimeProvider clock) =>
        new(force, store, options, clock, await ReadAsync(force, store));

    public async Task<AuditEntry> AppendAsync(AuditEvent e)
    {
        if (_aheadOfStorage)
        {
            throw new InvalidOperationException($"An earlier append to {_force}'s audit log failed; reopen the log from storage.");
        }

        var now = _clock.GetUtcNow();
        if (_current is null || _current.Entries >= _options.SegmentRecords || (_current.FirstTime is { } first && now - first >= _options.SegmentSpan))
        {
            await RollAsync(now);
        }

        var current = _current!;
        var entry = Chain.Append(e, now);
        _aheadOfStorage = true;
        current.Length = await _store.AppendAsync(_force, current.Number, current.Length, AuditLogCodec.Encode(entry));
        _aheadOfStorage = false;
        current.Entries++;
        current.FirstTime ??= now;
        current.LastTime = now;
        _stats.Count(entry);
        return entry;
    }

    /// <summary>Verifies what storage holds now against the head this log acknowledged.</summary>
    public async Task<AuditVerification> VerifyStorageAsync() =>
        AuditStorageVerifier.Verify(_force, await ReadAsync(_force, _store), Chain.HeadSeq, Chain.HeadHash);

    private static async Task<List<AuditSegment>> ReadAsync(ForceId force, AuditBlobStore store)
    {
        var segments = new List<AuditSegment>();
        foreach (var number in await store.ListSegmentsAsync(force))
        {
            segments.Add(AuditLogCodec.Decode(number, await store.ReadSegmentAsync(force, number)));
        }

        return segments;
    }

    private async Task RollAsync(DateTimeOffset now)
    {
        var number = _nextNumber;
        await _store.CreateSegmentAsync(_force, number);
        _nextNumber = number + 1;
        var anchor = AuditLogCodec.Encode(new AuditAnchor(Chain.HeadSeq, Chain.HeadHash, _stats.ToArray()));
        var length = await _store.AppendAsync(_force, number, 0, anchor);
        _current = new Segment(number, length, 0, null, null);
        _segments.Add(_current);
        await PruneAsync(now - _options.Retention);
    }

    /// <summary>
    /// Deletes the oldest segments whose last entry is older than <paramref name="cutoff"/>, oldest first, so
    /// what remains is always a suffix of the log and verifies from the anchor of its first segment.
    /// </summary>
    private async Task PruneAsync(DateTimeOffset cutoff)
    {
        while (_segments.Count > 1 && _segments[0] != _current && (_segments[0].LastTime is null || _segments[0].LastTime < cutoff))
        {
            await _store.DeleteSegmentAsync(_force, _segments[0].Number);
            _segments.RemoveAt(0);
        }

        // Memory drops what storage dropped; the first kept segment's anchor is the last entry before it.
        var keptFrom = Chain.Entries.Count - _segments.Sum(s => s.Entries);
        if (keptFrom > 0)
        {
            Chain.PruneThrough(Chain.Entries[keptFrom - 1].Seq);
        }
    }

    private sealed class Segment(long number, long length, int entries, DateTimeOffset? firstTime, DateTimeOffset? lastTime)
    {
        public long Number { get; } = number;
        public long Length { get; set; } = length;
        public int Entries { get; set; } = entries;
        public DateTimeOffset? FirstTime { get; set; } = firstTime;
        public DateTimeOffset? LastTime { get; set; } = lastTime;
    }
}
