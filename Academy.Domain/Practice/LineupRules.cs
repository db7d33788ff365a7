using Academy.Domain.Content;

namespace Academy.Domain.Practice;

/// <summary>Where the day's standard came from: the card says so when it is the cycle.</summary>
public enum LineupSource
{
    Calendar,
    Cycle,
}

/// <summary>The standard a day's line-up goes over, and why.</summary>
public sealed record LineupPick(string StandardId, LineupSource Source);

/// <summary>The daily line-up's rules: the rotation of <c>lineup.md</c> and the learner's streak. Days are calendar
/// days (the site counts them in UTC, as spaced review does).</summary>
public static class LineupRules
{
    /// <summary>Monday to Friday, when <c>lineup.md</c> names no working days.</summary>
    public static readonly IReadOnlyList<DayOfWeek> DefaultWorkingDays =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    /// <summary>A Monday: where the cycle starts when <c>lineup.md</c> does not say.</summary>
    public static readonly DateOnly DefaultStart = new(2024, 1, 1);

    /// <summary>How many review items the card asks, answered in place: three, so that the card takes under two minutes.</summary>
    public const int ReviewsPerDay = 3;

    /// <summary>The standard of <paramref name="day"/>: the calendar's when it names one that exists, else the cycle's.
    /// Without <paramref name="lineup"/> (no lineup.md) or with an empty cycle, the cycle is every standard in order.
    /// Ids that are no longer in <paramref name="standardIds"/> (a standard removed after lineup.md was published) are
    /// skipped. On a day that is not a working day, the cycle stays on the last working day's standard.</summary>
    /// <returns><c>null</c> when there is no standard at all.</returns>
    public static LineupPick? StandardOf(LineupDocument? lineup, IReadOnlyList<string> standardIds, DateOnly day)
    {
        if (standardIds.Count == 0) return null;
        var known = standardIds.ToHashSet(StringComparer.Ordinal);
        if (lineup?.Calendar.FirstOrDefault(d => d.Date == day) is { } planned && known.Contains(planned.StandardId))
            return new LineupPick(planned.StandardId, LineupSource.Calendar);
        var cycle = lineup?.Cycle.Where(known.Contains).ToList() is { Count: > 0 } written ? written : standardIds;
        var workingDays = lineup?.WorkingDays is { Count: > 0 } days ? days : DefaultWorkingDays;
        var position = WorkingDaysBetween(lineup?.Start ?? DefaultStart, day, workingDays) - (workingDays.Contains(day.DayOfWeek) ? 0 : 1);
        return new LineupPick(cycle[(int)(((position % cycle.Count) + cycle.Count) % cycle.Count)], LineupSource.Cycle);
    }

    /// <summary>The number of working days from <paramref name="start"/> (included) to <paramref name="day"/> (excluded);
    /// negative when <paramref name="day"/> comes first. Constant time, whatever the distance.</summary>
    public static long WorkingDaysBetween(DateOnly start, DateOnly day, IReadOnlyCollection<DayOfWeek> workingDays)
    {
        if (day < start) return -WorkingDaysBetween(day, start, workingDays);
        var span = day.DayNumber - start.DayNumber;
        var count = (long)(span / 7) * workingDays.Count;
        for (var d = start.AddDays(span / 7 * 7); d < day; d = d.AddDays(1))
            if (workingDays.Contains(d.DayOfWeek)) count++;
        return count;
    }

    /// <summary>Consecutive line-ups done, up to <paramref name="today"/>. A day that is not a working day neither breaks
    /// the streak nor adds to it unless done; today, not done yet, does not break it either (the day is not over).</summary>
    public static int Streak(IEnumerable<DateOnly> doneDays, DateOnly today, IReadOnlyCollection<DayOfWeek> workingDays)
    {
        var done = doneDays.Where(d => d <= today).ToHashSet();
        if (done.Count == 0) return 0;
        var earliest = done.Min();
        var streak = 0;
        for (var day = done.Contains(today) ? today : today.AddDays(-1); day >= earliest; day = day.AddDays(-1))
        {
            if (done.Contains(day)) streak++;
            else if (workingDays.Contains(day.DayOfWeek)) break;
        }
        return streak;
    }
}
