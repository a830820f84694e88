namespace Grid.Grains.Audit;

/// <summary>Configuration section <c>Grid:Audit</c>.</summary>
public sealed class AuditOptions
{
    public const string Section = "Grid:Audit";

    /// <summary>Entries older than this are dropped from the front of the chain; three years unless set.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(3 * 365);
}
