using Academy.Domain.Content;
using Academy.Domain.Practice;

namespace Academy.Tests.Domain;

public sealed class LineupRulesTests
{
    private static readonly string[] Standards = ["warm-welcome", "listen-first", "own-the-problem"];

    // 2026-01-05 is a Monday.
    private static readonly DateOnly Monday = new(2026, 1, 5);

    private static LineupDocument Lineup(string[] cycle, params LineupDay[] calendar) =>
        new(cycle, calendar, LineupRules.DefaultWorkingDays, Monday);

    [Fact]
    public void Rotation_FollowsTheCalendar_AndFallsBackToTheCycleOnOtherDays()
    {
        var lineup = Lineup(["listen-first", "warm-welcome"], new LineupDay(Monday.AddDays(1), "own-the-problem"));

        Assert.Equal(new LineupPick("listen-first", LineupSource.Cycle), LineupRules.StandardOf(lineup, Standards, Monday));
        Assert.Equal(new LineupPick("own-the-problem", LineupSource.Calendar), LineupRules.StandardOf(lineup, Standards, Monday.AddDays(1)));
        // The calendar day takes the day, not a place in the cycle: Wednesday is the cycle's third working day.
        Assert.Equal(new LineupPick("listen-first", LineupSource.Cycle), LineupRules.StandardOf(lineup, Standards, Monday.AddDays(2)));
    }

    [Fact]
    public void Cycle_MovesOnWorkingDaysOnly_AndAWeekendKeepsFridaysStandard()
    {
        var lineup = Lineup(["warm-welcome", "listen-first", "own-the-problem"]);
        string Of(int days) => LineupRules.StandardOf(lineup, Standards, Monday.AddDays(days))!.StandardId;

        Assert.Equal(["warm-welcome", "listen-first", "own-the-problem", "warm-welcome", "listen-first"], [Of(0), Of(1), Of(2), Of(3), Of(4)]);
        Assert.Equal("listen-first", Of(5));
        Assert.Equal("listen-first", Of(6));
        Assert.Equal("own-the-problem", Of(7));
        // Before the start day the cycle runs backwards: the Friday before is the third standard.
        Assert.Equal("own-the-problem", Of(-3));
    }

    [Fact]
    public void NoLineupFile_CyclesThroughEveryStandardInOrder()
    {
        Assert.Equal("warm-welcome", LineupRules.StandardOf(null, Standards, LineupRules.DefaultStart)!.StandardId);
        Assert.Equal("listen-first", LineupRules.StandardOf(null, Standards, LineupRules.DefaultStart.AddDays(1))!.StandardId);
        Assert.Null(LineupRules.StandardOf(null, [], Monday));
    }

    [Fact]
    public void StandardRemovedSincePublication_IsSkipped_AndTheCalendarDayFallsBackToTheCycle()
    {
        var lineup = Lineup(["gone", "listen-first"], new LineupDay(Monday, "gone"));

        Assert.Equal(new LineupPick("listen-first", LineupSource.Cycle), LineupRules.StandardOf(lineup, Standards, Monday));
    }

    [Fact]
    public void WorkingDaysBetween_CountsOnlyWorkingDays_OverYears()
    {
        Assert.Equal(5, LineupRules.WorkingDaysBetween(Monday, Monday.AddDays(7), LineupRules.DefaultWorkingDays));
        Assert.Equal(260, LineupRules.WorkingDaysBetween(Monday, Monday.AddDays(364), LineupRules.DefaultWorkingDays));
        Assert.Equal(-1, LineupRules.WorkingDaysBetween(Monday, Monday.AddDays(-3), LineupRules.DefaultWorkingDays));
    }

    [Fact]
    public void Streak_CountsConsecutiveDays_SkipsWeekends_AndBreaksOnAMissedWorkingDay()
    {
        // Mon, Tue missed, Wed, Thu, Fri, (weekend), Mon.
        DateOnly[] done = [Monday, Monday.AddDays(2), Monday.AddDays(3), Monday.AddDays(4), Monday.AddDays(7)];

        Assert.Equal(4, StreakAsShown(done, Monday.AddDays(7)));
        // Tuesday not done yet: the day is not over, the streak still stands.
        Assert.Equal(4, StreakAsShown(done, Monday.AddDays(8)));
        // Wednesday came and Tuesday was missed: the streak is over.
        Assert.Equal(0, StreakAsShown(done, Monday.AddDays(9)));
        Assert.Equal(1, StreakAsShown(done, Monday));
        Assert.Equal(0, StreakAsShown([], Monday));
        // A Saturday done adds to the streak; Friday to Monday over an undone weekend keeps it.
        Assert.Equal(3, StreakAsShown([Monday.AddDays(4), Monday.AddDays(5), Monday.AddDays(7)], Monday.AddDays(7)));
        Assert.Equal(2, StreakAsShown([Monday.AddDays(4), Monday.AddDays(7)], Monday.AddDays(7)));
    }

    /// <summary>As the site keeps it: each day done stores its streak from the previous one, and the card reads the last.</summary>
    private static int StreakAsShown(DateOnly[] done, DateOnly today)
    {
        var days = LineupRules.DefaultWorkingDays;
        (DateOnly? Day, int Streak) last = (null, 0);
        foreach (var day in done.Where(d => d <= today).Order())
            last = (day, LineupRules.StreakOn(day, last.Day, last.Streak, days));
        return LineupRules.StreakToday(last.Day, last.Streak, today, days);
    }
}
