using Grid.Protocol.Galleries;

namespace Grid.Client.Faces;

/// <summary>
/// The result of enrolling a set of photos: how many of each outcome, the grid's acknowledgement of
/// the templates sent, and every skipped photo with its reason (so the owner can fix or replace it).
/// </summary>
public sealed record ImageEnrolmentSummary(int Images, IReadOnlyDictionary<ImageOutcome, int> Counts, EnrolResult Grid, IReadOnlyList<ImageEnrolmentRecord> Skipped)
{
    public int Enrolled => Count(ImageOutcome.Enrolled);

    public int Count(ImageOutcome outcome) => Counts.GetValueOrDefault(outcome);

    public static ImageEnrolmentSummary From(IReadOnlyCollection<ImageEnrolmentRecord> records, EnrolResult grid) => new(
        records.Count,
        Enum.GetValues<ImageOutcome>().ToDictionary(o => o, o => records.Count(r => r.Outcome == o)),
        grid,
        records.Where(r => r.Outcome != ImageOutcome.Enrolled).ToList());
}
