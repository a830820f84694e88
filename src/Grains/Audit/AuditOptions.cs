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
}
