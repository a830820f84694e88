using System.Globalization;
using Grid.Protocol.Sharing;

namespace Grid.Portal.Agreements;

/// <summary>
/// What changed since the version the requester last accepted, so an accept is never of terms read unseen:
/// compared term by term; with no earlier accepted version every term is new.
/// </summary>
public static class TermsDiff
{
    /// <summary>The terms last accepted before the current version, or null when none was.</summary>
    public static AgreementTerms? LastAccepted(AgreementView view) =>
        view.History.Where(c => c.Action == AgreementAction.Accept && c.Version < view.Version).OrderBy(c => c.Version).LastOrDefault()?.Terms;

    public static IReadOnlyList<TermsChange> Between(AgreementTerms? before, AgreementTerms after)
    {
        var changes = new List<TermsChange>();
        void Compare(string term, Func<AgreementTerms, string> show)
        {
            var a = show(after);
            var b = before is null ? "(none)" : show(before);
            if (before is null || a != b) changes.Add(new TermsChange(term, b, a));
        }
        Compare("galleries", t => string.Join(", ", t.Galleries.Select(g => g.ToString()).Order(StringComparer.Ordinal)));
        Compare("offences", t => string.Join(", ", t.Offences.Order(StringComparer.Ordinal)));
        Compare("max candidates", t => t.MaxCandidates.ToString(CultureInfo.InvariantCulture));
        Compare("min score", t => t.MinScore.ToString("0.###", CultureInfo.InvariantCulture));
        Compare("daily quota", t => t.DailyQuota.ToString(CultureInfo.InvariantCulture));
        Compare("valid from", t => t.ValidFrom.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture));
        Compare("reviewers per candidate", t => t.RequiredReviewers.ToString(CultureInfo.InvariantCulture));
        Compare("candidate images shared", t => t.ShareImages ? "yes" : "no");
        Compare("valid until", t => t.ValidUntil.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture));
        return changes;
    }
}
