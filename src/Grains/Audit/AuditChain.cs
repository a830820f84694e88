using System.Collections.Immutable;
using System.Security.Cryptography;
using Grid.Contracts.Audit;
using Grid.Contracts.Identity;
using Grid.Grains.Security;

namespace Grid.Grains.Audit;

/// <summary>
/// A force's keyed hash chain. Entry n's hash is HMAC-SHA256(force's audit key, hash of entry n-1 ||
/// canonical bytes of the rest of entry n); the first entry links to the anchor (the zero hash, or after
/// retention the hash of the last entry removed). Without the key, which only silos hold, nobody can
/// recompute a hash, so altering, removing, inserting or reordering any entry breaks its own hash, the
/// next entry's link or the head; <see cref="Verify"/> names the first break. Entries before
/// <see cref="KeyedFromSeq"/> are a pre-issue-9 log's, hashed with plain SHA-256 (see docs/SECURITY.md, migration).
/// </summary>
public sealed class AuditChain
{
    public static readonly string ZeroHash = new('0', SHA256.HashSizeInBytes * 2);

    private readonly List<AuditEntry> _entries;
    private readonly byte[] _key;
    private AuditHead? _continueFrom;

    public AuditChain(ForceId force, byte[] key, long anchorSeq, string anchorHash, IEnumerable<AuditEntry> entries, long keyedFromSeq = 0)
    {
        Force = force;
        _key = key;
        AnchorSeq = anchorSeq;
        AnchorHash = anchorHash;
        KeyedFromSeq = keyedFromSeq;
        _entries = [.. entries];
    }

    public static AuditChain Empty(ForceId force, byte[] key) => new(force, key, 0, ZeroHash, []);

    /// <summary>Entries with a smaller sequence number were hashed without a key (a migrated log); 0 = all keyed.</summary>
    public long KeyedFromSeq { get; set; }

    public ForceId Force { get; }

    public long AnchorSeq { get; private set; }

    public string AnchorHash { get; private set; }

    public IReadOnlyList<AuditEntry> Entries => _entries;

    public long HeadSeq => _continueFrom is { } c && c.Seq > StoredHeadSeq ? c.Seq : StoredHeadSeq;

    public string HeadHash => _continueFrom is { } c && c.Seq > StoredHeadSeq ? c.Hash : StoredHeadHash;

    private long StoredHeadSeq => _entries.Count > 0 ? _entries[^1].Seq : AnchorSeq;

    private string StoredHeadHash => _entries.Count > 0 ? _entries[^1].Hash : AnchorHash;

    /// <summary>
    /// After storage lost the tail the log had acknowledged (its head record says so), new entries continue
    /// from that head, not from what is left: the gap stays visible to every later verification.
    /// </summary>
    public void ContinueFrom(AuditHead head) => _continueFrom = head;

    public AuditEntry Append(AuditEvent e, DateTimeOffset time)
    {
        var entry = new AuditEntry(
            HeadSeq + 1, time, e.Kind, e.Actor, Force, e.Partner, e.Offence, e.CaseReference,
            e.GalleriesAsked.IsDefault ? [] : e.GalleriesAsked, e.GalleriesAnswered.IsDefault ? [] : e.GalleriesAnswered,
            e.CandidateCount, e.Detail, HeadHash, string.Empty, e.PartnerHead);
        entry = entry with { Hash = ComputeHash(entry, _key) };
        _entries.Add(entry);
        return entry;
    }

    /// <summary>
    /// Drops entries older than <paramref name="cutoff"/> from the front (retention). The anchor
    /// moves to the last dropped entry, so what remains still verifies on its own.
    /// </summary>
    public int Prune(DateTimeOffset cutoff)
    {
        var count = 0;
        while (count < _entries.Count && _entries[count].Time < cutoff)
        {
            count++;
        }

        DropFront(count);
        return count;
    }

    /// <summary>
    /// Drops every entry up to and including <paramref name="seq"/> (storage deletes whole segments, whose
    /// boundaries are sequence numbers, not times). The anchor moves as for <see cref="Prune"/>.
    /// </summary>
    public int PruneThrough(long seq)
    {
        var count = 0;
        while (count < _entries.Count && _entries[count].Seq <= seq)
        {
            count++;
        }

        DropFront(count);
        return count;
    }

    private void DropFront(int count)
    {
        if (count > 0)
        {
            AnchorSeq = _entries[count - 1].Seq;
            AnchorHash = _entries[count - 1].Hash;
            _entries.RemoveRange(0, count);
        }
    }

    public AuditExport Export() => new(Force, AnchorSeq, AnchorHash, [.. _entries], KeyedFromSeq);

    /// <summary>Checks this chain against the head its keeper recorded (detects a cut-off tail).</summary>
    public AuditVerification Verify(long expectedHeadSeq, string expectedHeadHash) =>
        Verify(Export(), _key, expectedHeadSeq, expectedHeadHash);

    /// <summary>
    /// Walks the chain from the anchor. Without an expected head a removed last entry cannot be
    /// seen, which is why the grain keeps its head apart from the entries.
    /// </summary>
    public static AuditVerification Verify(AuditExport export, byte[] key, long? expectedHeadSeq = null, string? expectedHeadHash = null)
    {
        var prevHash = export.AnchorHash;
        var prevTime = DateTimeOffset.MinValue;
        var expectedSeq = export.AnchorSeq + 1;
        AuditVerification Bad(long seq, string problem) => new(false, export.Entries.Length, seq, problem, prevHash);

        foreach (var entry in export.Entries)
        {
            if (entry.Seq != expectedSeq)
            {
                return Bad(expectedSeq, $"Expected entry {expectedSeq} but found {entry.Seq}: an entry was removed, inserted or moved.");
            }

            if (entry.Force != export.Force)
            {
                return Bad(expectedSeq, $"Entry {entry.Seq} belongs to {entry.Force}, not {export.Force}.");
            }

            if (!string.Equals(entry.PrevHash, prevHash, StringComparison.Ordinal))
            {
                return Bad(expectedSeq, $"Entry {entry.Seq} does not link to the entry before it.");
            }

            var expected = entry.Seq < export.KeyedFromSeq && entry.PartnerHead is null ? LegacyHash(entry) : ComputeHash(entry, key);
            if (!string.Equals(entry.Hash, expected, StringComparison.Ordinal))
            {
                return Bad(expectedSeq, $"Entry {entry.Seq} was altered: its content does not match its hash.");
            }

            if (entry.Time < prevTime)
            {
                return Bad(expectedSeq, $"Entry {entry.Seq} is dated before the entry before it.");
            }

            prevHash = entry.Hash;
            prevTime = entry.Time;
            expectedSeq++;
        }

        var headSeq = expectedSeq - 1;
        if ((expectedHeadSeq is { } seq && seq != headSeq) ||
            (expectedHeadHash is not null && !string.Equals(expectedHeadHash, prevHash, StringComparison.Ordinal)))
        {
            return Bad(headSeq + 1, $"The log ends at entry {headSeq} but its recorded head is entry {expectedHeadSeq}: entries were cut off or replaced.");
        }

        return new AuditVerification(true, export.Entries.Length, null, null, prevHash);
    }

    /// <summary>
    /// HMAC-SHA256 under the force's audit key, in lower-case hex, over canonical bytes that begin with the
    /// previous hash and go on with every other field of the entry (the partner anchor included). Hashing the
    /// previous hash as text keeps a malformed stored value an ordinary mismatch rather than a parse error.
    /// </summary>
    public static string ComputeHash(AuditEntry e, byte[] key)
    {
        var body = Canonical(e, "grid.audit-entry.v2")
            .Long(e.PartnerHead?.Seq ?? -1).String(e.PartnerHead?.Hash)
            .ToArray();
        return Convert.ToHexStringLower(HMACSHA256.HashData(key, body));
    }

    /// <summary>The pre-issue-9 hash: plain SHA-256, which anyone can recompute. Accepted only before
    /// <see cref="KeyedFromSeq"/>, a point fixed by the keyed head record.</summary>
    public static string LegacyHash(AuditEntry e) => Convert.ToHexStringLower(SHA256.HashData(Canonical(e, "grid.audit-entry.v1").ToArray()));

    private static CanonicalWriter Canonical(AuditEntry e, string domain) =>
        new CanonicalWriter(domain)
            .String(e.PrevHash).Long(e.Seq).Time(e.Time).Int((int)e.Kind).String(e.Actor).String(e.Force.Value)
            .String(e.Partner?.Value).String(e.Offence).String(e.CaseReference)
            .Strings(Names(e.GalleriesAsked)).Strings(Names(e.GalleriesAnswered))
            .Int(e.CandidateCount).String(e.Detail);

    private static string[] Names(ImmutableArray<Contracts.Galleries.GalleryId> galleries) =>
        galleries.IsDefault ? [] : [.. galleries.Select(g => g.ToString())];
}
