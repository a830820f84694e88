namespace Grid.Grains.Search;

/// <summary>How far past its deadline a search may run; configuration section <c>Grid:Search:Deadline</c>
/// (docs/OPERATIONS.md). The request's deadline bounds resolving the scope and the fan-out; the search must also be
/// audited (and its review case opened) before it answers, and that gets at most <see cref="AuditMargin"/> more. A
/// search whose audit is not acknowledged by then answers <c>audit-unavailable</c> (503, Retry-After) without candidates.</summary>
public sealed class SearchDeadlineOptions
{
    public const string Section = "Grid:Search:Deadline";

    /// <summary>The time after the deadline by which the audit must be acknowledged (a group-committed blob append takes
    /// milliseconds; a second covers a busy machine).</summary>
    public TimeSpan AuditMargin { get; set; } = TimeSpan.FromSeconds(1);

    public bool IsValid => AuditMargin >= TimeSpan.FromMilliseconds(100) && AuditMargin <= TimeSpan.FromSeconds(30);
}
