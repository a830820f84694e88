using System.Collections.Immutable;
using Grid.Contracts.Audit;
using Grid.Contracts.Identity;

namespace Grid.Grains.Audit;

/// <summary>
/// A force's durable audit log: the keyed chain in memory, its records in append-blob segments, and the keyed head
/// record (<see cref="AuditHeadRecord"/>). An append writes its records (a group of them, when several wait) to the
/// current segment as one block and returns once storage has them, so its cost does not grow with the log. The head
/// record is raised to what storage held before that block, written at the same time rather than after it and at most
/// every <see cref="AuditOptions.HeadRaiseInterval"/>: it never names an entry storage does not hold, and trails the
/// log by at most the groups of that interval until the next raise, <see cref="FlushHeadAsync"/> or deactivation
/// (docs/SECURITY.md). A new segment (starting
/// with a signed anchor) is begun when the current one is full, old or ends in a torn append; retention then moves the
/// head record's oldest point and deletes the oldest segments whose every entry has expired.
/// Opening verifies storage against the head record; damage found then is written into the chain itself as an
/// <see cref="AuditKind.Integrity"/> entry, so no later write (not even a fresh head record) can make it disappear.
/// Changes (appends, head flushes, storage verification) are serialised by an internal gate; reads of
/// <see cref="Chain"/> may see entries still being written, so readers that must not use <see cref="Durable"/>.
/// </summary>
public sealed class AuditLog
{
    /// <summary>Detail prefix of the entry that records damage found at opening; verification keeps reporting it.</summary>
    public const string DamagePrefix = "Damage found when the log was opened: ";

    private readonly ForceId _force;
    private readonly byte[] _key;
    private readonly AuditBlobStore _store;
    private readonly AuditOptions _options;
    private readonly TimeProvider _clock;
    private readonly List<Segment> _segments;
    private readonly AuditStats _stats;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private AuditHeadRecord? _record;
    private long _nextNumber;
    private Segment? _current;
    private bool _aheadOfStorage;
    private DateTimeOffset _recordWrittenAt = DateTimeOffset.MinValue;
    private string? _unadopted;

    private AuditLog(ForceId force, byte[] key, AuditBlobStore store, AuditOptions options, TimeProvider clock, IReadOnlyList<AuditSegment> stored, AuditHeadRecord? record)
    {
        (_force, _key, _store, _options, _clock, _record) = (force, key, store, options, clock, record);
        _nextNumber = stored.Count > 0 ? stored[^1].Number + 1 : 0;
        var anchored = stored.Where(s => s.Anchor is not null).ToList();
        var anchor = anchored.FirstOrDefault()?.Anchor ?? new AuditAnchor(0, AuditChain.ZeroHash, []);
        Chain = new AuditChain(force, key, anchor.Seq, anchor.Hash, anchored.SelectMany(s => s.Entries), record?.KeyedFromSeq ?? 0);
        if (record is not null && record.HeadSeq > Chain.HeadSeq)
        {
            Chain.ContinueFrom(new AuditHead(record.HeadSeq, record.HeadHash));
        }

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

        Durable = new AuditHead(Chain.HeadSeq, Chain.HeadHash);
    }

    public AuditChain Chain { get; }

    public ImmutableArray<PartnerStats> Stats => _stats.ToArray();

    /// <summary>The last entry storage holds (entries after it in <see cref="Chain"/> are being written).</summary>
    public AuditHead Durable { get; private set; }

    /// <summary>Whether the head record names an older entry than <see cref="Durable"/>.</summary>
    public bool HeadRecordBehind => _record is null || _record.HeadSeq != Durable.Seq || _record.HeadHash != Durable.Hash;

    /// <param name="key">The force's audit key (silo-held, never in storage).</param>
    /// <param name="adoptUnkeyed">Migration: a log from before issue 9 (no head record, unkeyed entries) gets a keyed
    /// re-anchor entry instead of being reported as damaged.</param>
    public static async Task<AuditLog> OpenAsync(
        ForceId force, AuditBlobStore store, AuditOptions options, TimeProvider clock, byte[] key, bool adoptUnkeyed = false)
    {
        var segments = await ReadAsync(force, store);
        var raw = await store.ReadHeadAsync(force);
        var record = raw is null ? null : AuditHeadRecord.Decode(raw);
        string? recordProblem = null;
        if (raw is not null && (record is null || !record.MacValid(force, key)))
        {
            recordProblem = "the head record is not signed with the force's audit key (forged or damaged)";
            record = null;
        }

        var hasEntries = segments.Any(s => s.Entries.Count > 0);
        var adopt = raw is null && hasEntries && adoptUnkeyed;
        if (raw is null && hasEntries && !adoptUnkeyed)
        {
            recordProblem = "the head record is missing, so the head and the oldest entry cannot be checked (deleted, or a log from before keyed audit that was never adopted)";
        }

        var log = new AuditLog(force, key, store, options, clock, segments, record);
        if (adopt)
        {
            await log.AdoptAsync();
        }
        else if (raw is null && hasEntries)
        {
            // Nothing is written: a first append would create a head record and make the log look keyed and whole.
            log._unadopted = $"{force}'s audit log has entries but {recordProblem}.";
        }
        else if (recordProblem is not null)
        {
            await log.RecordDamageAsync(new AuditVerification(false, log.Chain.Entries.Count, null, recordProblem, log.Chain.HeadHash));
        }
        else if (hasEntries && AuditStorageVerifier.Verify(force, key, segments, log.Chain.HeadSeq, log.Chain.HeadHash, record) is { Intact: false } damage)
        {
            await log.RecordDamageAsync(damage);
        }

        return log;
    }

    public async Task<AuditEntry> AppendAsync(AuditEvent e) => (await AppendAsync([e]))[0];

    /// <summary>
    /// Appends <paramref name="events"/> in order, as few blocks as segment boundaries allow, and returns once storage
    /// holds them all. On failure memory may be ahead of storage: the log refuses further appends (reopen it).
    /// </summary>
    public async Task<IReadOnlyList<AuditEntry>> AppendAsync(IReadOnlyList<AuditEvent> events)
    {
        await _gate.WaitAsync();
        try
        {
            var written = new List<AuditEntry>(events.Count);
            while (written.Count < events.Count)
            {
                written.AddRange(await AppendGroupAsync(events, written.Count));
            }

            return written;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Brings the head record level with storage (appends stopped, or the log is being deactivated).</summary>
    public async Task FlushHeadAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (!_aheadOfStorage && _unadopted is null && _record is not null && HeadRecordBehind)
            {
                await WriteRecordAsync(_record with { HeadSeq = Durable.Seq, HeadHash = Durable.Hash });
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>One block: the events from <paramref name="from"/> that fit in the current segment.</summary>
    private async Task<List<AuditEntry>> AppendGroupAsync(IReadOnlyList<AuditEvent> events, int from)
    {
        if (_aheadOfStorage)
        {
            throw new InvalidOperationException($"An earlier append to {_force}'s audit log failed; reopen the log from storage.");
        }

        if (_unadopted is not null)
        {
            throw new InvalidOperationException(
                $"{_unadopted} Nothing more is logged (so nothing is searched) until an operator investigates; a log from before keyed " +
                $"audit is adopted by starting the silos once with {Identity.GridSecurityOptions.Section}:{nameof(Identity.GridSecurityOptions.AdoptUnsealedState)}=true.");
        }

        var now = _clock.GetUtcNow();
        if (_current is null || _current.Entries >= _options.SegmentRecords || (_current.FirstTime is { } first && now - first >= _options.SegmentSpan))
        {
            await RollAsync(now);
        }

        var current = _current!;
        var count = Math.Min(events.Count - from, Math.Max(1, _options.SegmentRecords - current.Entries));
        var entries = new List<AuditEntry>(count);
        using var block = new MemoryStream();
        for (var i = 0; i < count; i++)
        {
            var entry = Chain.Append(events[from + i], now);
            entries.Add(entry);
            block.Write(AuditLogCodec.Encode(entry));
        }

        // The head record moves to what storage already holds, in parallel with the block: never ahead of storage. At
        // most every HeadRaiseInterval while appends flow (the timer brings it level when they stop).
        var head = HeadRecordBehind && _record is not null && now - _recordWrittenAt >= _options.HeadRaiseInterval
            ? WriteRecordAsync(_record with { HeadSeq = Durable.Seq, HeadHash = Durable.Hash })
            : Task.CompletedTask;
        _aheadOfStorage = true;
        var append = _store.AppendAsync(_force, current.Number, current.Length, block.ToArray());
        await Task.WhenAll(append, head);
        current.Length = await append;
        _aheadOfStorage = false;
        current.Entries += count;
        current.FirstTime ??= now;
        current.LastTime = now;
        foreach (var entry in entries)
        {
            _stats.Count(entry);
        }

        Durable = new AuditHead(entries[^1].Seq, entries[^1].Hash);
        return entries;
    }

    /// <summary>
    /// Verifies what storage holds now against the head this log acknowledged and the head record; a log that once
    /// opened damaged stays reported (its <see cref="AuditKind.Integrity"/> entry is part of the keyed chain).
    /// </summary>
    public async Task<AuditVerification> VerifyStorageAsync()
    {
        if (_unadopted is not null)
        {
            return new AuditVerification(false, Chain.Entries.Count, null, _unadopted, Chain.HeadHash);
        }

        AuditVerification result;
        await _gate.WaitAsync();
        try
        {
            // Under the gate: no append is half-written, so the chain's head is what storage should end with.
            result = AuditStorageVerifier.Verify(_force, _key, await ReadAsync(_force, _store), Chain.HeadSeq, Chain.HeadHash, _record);
        }
        finally
        {
            _gate.Release();
        }

        if (!result.Intact)
        {
            return result;
        }

        var damage = Chain.Entries.FirstOrDefault(IsDamageNote);
        return damage is null ? result : result with { Intact = false, FirstBadSeq = DamagedSeq(damage), Problem = $"Entry {damage.Seq}: {damage.Detail}" };
    }

    /// <summary>
    /// Which of <paramref name="heads"/> (this force's entries as a partner anchored them) storage no longer holds as
    /// anchored: each must be present with the same hash, or lie at or before the oldest point retention kept.
    /// </summary>
    public async Task<ImmutableArray<(long Seq, string Problem)>> CheckAnchorsAsync(IEnumerable<AuditHead> heads)
    {
        var segments = await ReadAsync(_force, _store);
        var stored = segments.SelectMany(s => s.Entries).GroupBy(e => e.Seq).ToDictionary(g => g.Key, g => g.First().Hash);
        var retainedAfter = _record?.OldestSeq ?? 0;
        var problems = ImmutableArray.CreateBuilder<(long, string)>();
        foreach (var head in heads.Distinct())
        {
            if (stored.TryGetValue(head.Seq, out var hash))
            {
                if (!string.Equals(hash, head.Hash, StringComparison.Ordinal))
                {
                    problems.Add((head.Seq, $"entry {head.Seq} differs from the one the partner anchored: it was rewritten"));
                }
            }
            else if (head.Seq > retainedAfter)
            {
                problems.Add((head.Seq, $"entry {head.Seq}, which the partner anchored, is missing: the log was cut or rolled back"));
            }
        }

        return problems.ToImmutable();
    }

    public static bool IsDamageNote(AuditEntry e) => e.Kind == AuditKind.Integrity && e.Detail.StartsWith(DamagePrefix, StringComparison.Ordinal);

    private static long DamagedSeq(AuditEntry note)
    {
        // "... entry N: ..." names where; otherwise the note itself is where the damage became known.
        var at = note.Detail.IndexOf("entry ", DamagePrefix.Length, StringComparison.Ordinal);
        if (at >= 0)
        {
            var digits = new string(note.Detail[(at + 6)..].TakeWhile(char.IsAsciiDigit).ToArray());
            if (long.TryParse(digits, out var seq)) return seq;
        }

        return note.Seq;
    }

    private AuditHeadRecord Record() => _record ?? new AuditHeadRecord(Chain.HeadSeq, Chain.HeadHash, Chain.AnchorSeq, Chain.AnchorHash, Chain.KeyedFromSeq);

    private async Task WriteRecordAsync(AuditHeadRecord record)
    {
        var signed = record.Signed(_force, _key);
        var at = _clock.GetUtcNow();
        await _store.WriteHeadAsync(_force, signed.Encode());
        (_record, _recordWrittenAt) = (signed, at);
    }

    private async Task RecordDamageAsync(AuditVerification damage)
    {
        var where = damage.FirstBadSeq is { } seq ? $"entry {seq}: " : string.Empty;
        var detail = $"{DamagePrefix}{where}{damage.Problem}";
        if (!Chain.Entries.Any(e => IsDamageNote(e) && e.Detail == detail))
        {
            // Once per distinct finding: every later activation finds the same damage in storage again.
            await AppendAsync(AuditEvent.Note(AuditKind.Integrity, "silo", null, detail));
        }
    }

    /// <summary>Migration: the unkeyed entries so far are fixed by a keyed entry that names their head. A log that is
    /// already keyed but lost its head record gets a new one, and a damage note saying a cut tail cannot be excluded.</summary>
    private async Task AdoptAsync()
    {
        var legacyHead = (Chain.HeadSeq, Chain.HeadHash);
        if (AuditChain.Verify(Chain.Export(), _key).Intact)
        {
            await WriteRecordAsync(new AuditHeadRecord(Chain.HeadSeq, Chain.HeadHash, Chain.AnchorSeq, Chain.AnchorHash, 0));
            await RecordDamageAsync(new AuditVerification(false, Chain.Entries.Count, Chain.HeadSeq + 1,
                "the head record was missing and was re-created from storage; entries after this point may have been cut off before.", Chain.HeadHash));
            return;
        }

        var legacy = AuditChain.Verify(Chain.Export() with { KeyedFromSeq = long.MaxValue }, _key);
        Chain.KeyedFromSeq = Chain.HeadSeq + 1;
        await WriteRecordAsync(new AuditHeadRecord(Chain.HeadSeq, Chain.HeadHash, Chain.AnchorSeq, Chain.AnchorHash, Chain.KeyedFromSeq));
        await AppendAsync(AuditEvent.Note(AuditKind.Integrity, "silo", null,
            $"Keyed chain begins: entries up to {legacyHead.HeadSeq} (head {legacyHead.HeadHash}) were hashed without a key and are vouched for only by this entry."));
        if (!legacy.Intact)
        {
            await RecordDamageAsync(legacy);
        }
    }

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
        if (_record is null)
        {
            // A new log: its head record exists before its first segment, so a log without one is never legitimate.
            await WriteRecordAsync(Record());
        }

        var number = _nextNumber;
        await _store.CreateSegmentAsync(_force, number);
        _nextNumber = number + 1;
        var anchor = AuditLogCodec.Encode(new AuditAnchor(Chain.HeadSeq, Chain.HeadHash, _stats.ToArray()).Signed(_force, _key));
        var length = await _store.AppendAsync(_force, number, 0, anchor);
        _current = new Segment(number, length, 0, null, null);
        _segments.Add(_current);
        await PruneAsync(now - _options.Retention);
    }

    /// <summary>
    /// Deletes the oldest segments whose last entry is older than <paramref name="cutoff"/>, oldest first, so
    /// what remains is always a suffix of the log and verifies from the anchor of its first segment. The head
    /// record's oldest point moves first: a crash in between leaves extra old segments, never a missing one.
    /// </summary>
    private async Task PruneAsync(DateTimeOffset cutoff)
    {
        var drop = 0;
        while (drop < _segments.Count - 1 && _segments[drop] != _current && (_segments[drop].LastTime is null || _segments[drop].LastTime < cutoff))
        {
            drop++;
        }

        if (drop == 0)
        {
            return;
        }

        // Memory drops what storage drops; the first kept segment's anchor is the last entry before it.
        var keptFrom = Chain.Entries.Count - _segments.Skip(drop).Sum(s => s.Entries);
        var (oldestSeq, oldestHash) = keptFrom > 0 ? (Chain.Entries[keptFrom - 1].Seq, Chain.Entries[keptFrom - 1].Hash) : (Chain.AnchorSeq, Chain.AnchorHash);
        await WriteRecordAsync(Record() with { OldestSeq = oldestSeq, OldestHash = oldestHash });
        for (var i = 0; i < drop; i++)
        {
            await _store.DeleteSegmentAsync(_force, _segments[0].Number);
            _segments.RemoveAt(0);
        }

        if (keptFrom > 0)
        {
            Chain.PruneThrough(oldestSeq);
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
