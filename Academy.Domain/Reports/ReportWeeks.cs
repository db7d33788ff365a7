namespace Academy.Domain.Reports;

/// <summary>The moment a weekly figure is taken: the close of <see cref="Day"/>, or now for the week under way.</summary>
/// <param name="Day">The last day counted (a Sunday, or today): an assignment due before it is overdue.</param>
/// <param name="At">The instant things are counted at: assigned at or before it, not completed or removed by then.</param>
public sealed record WeekEnd(DateOnly Day, DateTimeOffset At, bool IsCurrent);

public static class ReportWeeks
{
    /// <summary>The ends of the last <paramref name="count"/> weeks, oldest first. Weeks run Monday to Sunday (ISO 8601)
    /// in UTC, like due dates; the last one is the week under way, measured now rather than at a Sunday to come.</summary>
    public static IReadOnlyList<WeekEnd> Last(int count, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var utc = now.ToUniversalTime();
        var today = DateOnly.FromDateTime(utc.UtcDateTime);
        var daysSinceSunday = ((int)today.DayOfWeek + 7) % 7;
        var lastSunday = today.AddDays(-(daysSinceSunday == 0 ? 7 : daysSinceSunday));
        var weeks = new List<WeekEnd>(count);
        for (var i = count - 2; i >= 0; i--)
        {
            var sunday = lastSunday.AddDays(-7 * i);
            weeks.Add(new WeekEnd(sunday, new DateTimeOffset(sunday.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), false));
        }
        weeks.Add(new WeekEnd(today, utc, true));
        return weeks;
    }
}
