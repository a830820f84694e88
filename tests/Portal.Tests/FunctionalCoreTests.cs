using Grid.Portal.Agreements;
using Grid.Portal.Audit;
using Grid.Portal.Charts;
using Grid.Portal.Review;
using Grid.Protocol.Audit;
using Grid.Protocol.Galleries;
using Grid.Protocol.Review;
using Grid.Protocol.Sharing;

namespace Grid.Portal.Tests;

/// <summary>The portal's plain functions, without a grid or a browser.</summary>
public sealed class FunctionalCoreTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    private static AgreementTerms Terms(int quota, bool images = false) =>
        new([new GalleryId("DE", "robbery")], ["murder"], 3, 0.3f, quota, T0, T0.AddDays(30), 1, images);

    [Fact]
    public void Terms_diff_lists_only_what_changed_since_the_version_last_accepted()
    {
        var view = new AgreementView("DE->NL", 3, AgreementStatus.Proposed, Terms(80, images: true),
        [
            new AgreementChange(1, T0, AgreementAction.Propose, "DE:a", AgreementStatus.Proposed, Terms(40)),
            new AgreementChange(2, T0, AgreementAction.Accept, "NL:b", AgreementStatus.Active, Terms(40)),
            new AgreementChange(3, T0, AgreementAction.Propose, "DE:a", AgreementStatus.Proposed, Terms(80, images: true)),
        ]);
        var changes = TermsDiff.Between(TermsDiff.LastAccepted(view), view.Terms!);
        Assert.Equal([("daily quota", "40", "80"), ("candidate images shared", "no", "yes")], changes.Select(c => (c.Term, c.Before, c.After)));
    }

    [Fact]
    public void Terms_diff_with_nothing_accepted_shows_every_term_as_new()
    {
        var changes = TermsDiff.Between(null, Terms(40));
        Assert.Equal(9, changes.Count);
        Assert.All(changes, c => Assert.Equal("(none)", c.Before));
    }

    [Fact]
    public void Bars_scale_to_the_largest_value_a_small_one_stays_visible_and_a_zero_draws_none()
    {
        var chart = BarChart.Of("searches", [("DE", 10), ("FR", 0), ("NL", 5), ("PL", 1_000_000)]);
        Assert.Equal([1, 0, 1, BarChart.BarArea], chart.Bars.Select(b => b.Length)); // a non-zero value is never drawn as nothing
        Assert.Equal([0, BarChart.RowHeight, 2 * BarChart.RowHeight, 3 * BarChart.RowHeight], chart.Bars.Select(b => b.Y));
        Assert.All(BarChart.Of("none", [("DE", 0)]).Bars, b => Assert.Equal(0, b.Length));
    }

    [Fact]
    public void Audit_filter_matches_kind_and_substrings_newest_first()
    {
        AuditEntry Entry(long seq, AuditKind kind, string actor, string? partner, string? caseRef) =>
            new(seq, T0, kind, actor, "NL", partner, null, caseRef, [], [], 0, "", "", "");
        var entries = new[]
        {
            Entry(1, AuditKind.OutgoingSearch, "NL:reviewer1", "DE", "NL-2026-0412"),
            Entry(2, AuditKind.AgreementChange, "NL:officer", "DE", null),
            Entry(3, AuditKind.OutgoingSearch, "NL:reviewer2", "FR", "NL-2026-0999"),
        };
        Assert.Equal([3L, 1L], new AuditFilter(AuditKind.OutgoingSearch, null, null, null).Apply(entries).Select(e => e.Seq));
        Assert.Equal([1L], new AuditFilter(null, "de", "REVIEWER", null).Apply(entries).Select(e => e.Seq));
        Assert.Equal([3L], new AuditFilter(null, null, null, " 0999 ").Apply(entries).Select(e => e.Seq));
    }

    [Fact]
    public void The_follow_up_clock_says_time_left_overdue_or_answered()
    {
        FollowUpView At(FollowUpStatus status, bool overdue, DateTimeOffset? answered = null) => new("DE/NL.s.1", "DE", "NL", "s", 1,
            new GalleryId("DE", "robbery"), "x", new FollowUpRequest("murder", "facts"), "NL:r", T0, T0.AddHours(48), status,
            null, null, answered, null, null, null, overdue, "NL-1");
        Assert.Equal("47 h 30 min left (due 2026-12-02 12:00 UTC)", FollowUpClock.Describe(At(FollowUpStatus.Requested, false), T0.AddMinutes(30)));
        Assert.Equal("OVERDUE by 2 h 00 min (was due 2026-12-02 12:00 UTC)", FollowUpClock.Describe(At(FollowUpStatus.Requested, true), T0.AddHours(50)));
        Assert.Equal("answered 2026-11-30 13:00 UTC", FollowUpClock.Describe(At(FollowUpStatus.Released, false, T0.AddHours(1)), T0.AddHours(60)));
    }
}
