namespace Grid.Grains.Audit;

/// <summary>Configuration section <c>Grid:Audit</c>.</summary>
public sealed class AuditOptions
{
    public const string Section = "Grid:Audit";

    /// <summary>
    /// Entries older than this are deleted; three years unless set. Storage deletes whole segments, so an
    /// entry goes once every entry of its segment is this old: at most <see cref="SegmentSpan"/> later.
    /// </summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(3 * 365);

    /// <summary>Blob container holding every force's audit segments.</summary>
    public string Container { get; set; } = "grid-audit";

    /// <summary>A segment is closed after this many entries; append blobs take at most 50,000 appends.</summary>
    public int SegmentRecords { get; set; } = 40_000;

    /// <summary>A segment is closed once its first entry is this old, which sets the grain of retention.</summary>
    public TimeSpan SegmentSpan { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// Appends that arrive while one is being written are written together as one block (group commit), at most
    /// this many; a search's append then waits for one blob write however many searches run at once.
    /// </summary>
    public int MaxGroupRecords { get; set; } = 256;

    /// <summary>
    /// The head record is written alongside the next append (not after each one, which doubled an append's latency)
    /// and, when appends stop, within this interval and on deactivation. So it trails storage by at most the entries
    /// of the last group commit, for at most this long (docs/SECURITY.md, "The audit head record's window").
    /// </summary>
    public TimeSpan HeadFlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// While appends flow, the head record rides beside a group commit at most this often. Each head write is a storage
    /// request of its own: beside every commit it was half of a lone search's storage requests. So the record trails
    /// storage by at most the groups of this interval (and, when appends stop, <see cref="HeadFlushInterval"/>).
    /// Zero raises it beside every commit.
    /// </summary>
    public TimeSpan HeadRaiseInterval { get; set; } = TimeSpan.FromMilliseconds(250);
}
