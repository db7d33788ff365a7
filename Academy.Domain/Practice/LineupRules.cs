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
        var workingDays = WorkingDaysOf(lineup);
        var position = WorkingDaysBetween(lineup?.Start ?? DefaultStart, day, workingDays) - (workingDays.Contains(day.DayOfWeek) ? 0 : 1);
        return new LineupPick(cycle[(int)(((position % cycle.Count) + cycle.Count) % cycle.Count)], LineupSource.Cycle);
    }

    /// <summary>The working days that <paramref name="lineup"/> names, or Monday to Friday when it names none.</summary>
    public static IReadOnlyList<DayOfWeek> WorkingDaysOf(LineupDocument? lineup) =>
        lineup?.WorkingDays is { Count: > 0 } days ? days : DefaultWorkingDays;

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

    /// <summary>The streak that a line-up done on <paramref name="day"/> makes: one more than that of the learner's
    /// previous line-up (done on <paramref name="previousDay"/>) when no working day was missed in between, else 1. A
    /// day that is not a working day neither breaks a streak nor adds to it unless done. Stored with each line-up done,
    /// so that the card reads one row rather than the learner's whole history.</summary>
    public static int StreakOn(DateOnly day, DateOnly? previousDay, int previousStreak, IReadOnlyCollection<DayOfWeek> workingDays) =>
        previousDay is { } previous && previous < day && WorkingDaysBetween(previous.AddDays(1), day, workingDays) == 0 ? previousStreak + 1 : 1;

    /// <summary>The streak shown on <paramref name="today"/>: that of the last line-up done by then (on
    /// <paramref name="lastDay"/>) while no working day has been missed since, else 0. Today, not done yet, does not break
    /// it: the day is not over.</summary>
    public static int StreakToday(DateOnly? lastDay, int lastStreak, DateOnly today, IReadOnlyCollection<DayOfWeek> workingDays) =>
        lastDay is { } last && (last == today || (last < today && WorkingDaysBetween(last.AddDays(1), today, workingDays) == 0)) ? lastStreak : 0;
}
