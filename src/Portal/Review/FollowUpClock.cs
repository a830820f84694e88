using System.Globalization;
using Grid.Protocol.Review;

namespace Grid.Portal.Review;

/// <summary>The 48-hour clock of a follow-up in words, the same on both sides: time left, answered, or overdue by how long.</summary>
public static class FollowUpClock
{
    public static string Describe(FollowUpView followUp, DateTimeOffset now)
    {
        if (followUp.Status != FollowUpStatus.Requested)
            return followUp.AnsweredAt is { } at ? $"answered {Stamp(at)}" : "answered";
        var left = followUp.DueAt - now;
        return followUp.Overdue || left <= TimeSpan.Zero
            ? $"OVERDUE by {Span(-left)} (was due {Stamp(followUp.DueAt)})"
            : $"{Span(left)} left (due {Stamp(followUp.DueAt)})";
    }

    public static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string Span(TimeSpan span)
    {
        if (span < TimeSpan.Zero) span = TimeSpan.Zero;
        return span.TotalHours >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours} h {span.Minutes:00} min")
            : string.Create(CultureInfo.InvariantCulture, $"{span.Minutes} min");
    }
}
