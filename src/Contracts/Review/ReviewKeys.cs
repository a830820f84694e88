using Grid.Contracts.Galleries;
using Grid.Contracts.Identity;

namespace Grid.Contracts.Review;

/// <summary>Grain keys of the review workflow. Each starts with the force whose storage and silos hold the grain.</summary>
public static class ReviewKeys
{
    public static string Case(ForceId requester, string searchId) => $"{requester}/{searchId}";

    public static string Index(ForceId force) => $"{force}/review";

    /// <summary><c>FORCE/review/yyyy-MM-dd</c>: the page of the case list for cases opened that UTC day.</summary>
    public static string CaseDay(ForceId force, DateTimeOffset createdAt) => $"{force}/review/{CaseDayOf(createdAt):yyyy-MM-dd}";

    public static string CaseDay(ForceId force, DateOnly day) => $"{force}/review/{day:yyyy-MM-dd}";

    public static DateOnly CaseDayOf(DateTimeOffset createdAt) => DateOnly.FromDateTime(createdAt.UtcDateTime);

    /// <summary><c>FORCE/gallery/subjectRef</c>: neither force ids nor gallery names hold a slash, so the rest is the subjectRef.</summary>
    public static string Subject(GalleryId gallery, string subjectRef) => $"{gallery.Key}/{subjectRef}";

    /// <summary><c>OWNER/REQUESTER.searchId.rank</c>: one follow-up per candidate of a case.</summary>
    public static string FollowUp(ForceId owner, ForceId requester, string searchId, int rank) => $"{owner}/{requester}.{searchId}.{rank}";

    /// <summary>A new search id: 32 hex digits, unguessable, so a case key reveals nothing.</summary>
    public static string NewSearchId() => Guid.NewGuid().ToString("N");
}
