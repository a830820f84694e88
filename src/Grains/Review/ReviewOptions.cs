namespace Grid.Grains.Review;

/// <summary>Configuration section <c>Grid:Review</c>: the follow-up clock, image size and retention of review data.
/// Retention periods are national law's to set; the defaults are placeholders an operator should confirm.</summary>
public sealed class ReviewOptions
{
    public const string Section = "Grid:Review";

    /// <summary>Prüm II Art 47: core data within 48 hours of a confirmed match, unless a judicial authorisation is needed.</summary>
    public TimeSpan FollowUpDeadline { get; set; } = TimeSpan.FromHours(48);

    /// <summary>A case (decisions, notes, candidate list, follow-up status) is deleted this long after its search.</summary>
    public TimeSpan CaseRetention { get; set; } = TimeSpan.FromDays(2 * 365);

    /// <summary>Core data released to a case is removed from it this long after the release (the case itself may stay).</summary>
    public TimeSpan ReleasedDataRetention { get; set; } = TimeSpan.FromDays(180);

    /// <summary>The largest reference image an owner may attach to a subject.</summary>
    public int MaxImageBytes { get; set; } = 1024 * 1024;

    /// <summary>How often an active case index sweeps for expired cases (it also sweeps on every listing).</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromHours(1);
}
