using Academy.Domain.Reports;

namespace Academy.Tests.Domain;

public sealed class ReportWeeksTests
{
    [Fact]
    public void Last_EndsOnSundays_OldestFirst_AndTheWeekUnderWayIsCountedNow()
    {
        var now = new DateTimeOffset(2026, 12, 2, 9, 30, 0, TimeSpan.Zero); // a Wednesday
        var weeks = ReportWeeks.Last(12, now);

        Assert.Equal(12, weeks.Count);
        Assert.All(weeks.SkipLast(1), w => Assert.Equal(DayOfWeek.Sunday, w.Day.DayOfWeek));
        Assert.Equal(new DateOnly(2026, 9, 20), weeks[0].Day);
        Assert.Equal(new DateOnly(2026, 11, 29), weeks[10].Day);
        // A Sunday's figure is taken at the close of that Sunday, UTC.
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.Zero), weeks[10].At);
        Assert.False(weeks[10].IsCurrent);
        Assert.Equal(new WeekEnd(new DateOnly(2026, 12, 2), now, true), weeks[11]);
    }

    [Fact]
    public void Last_OnASunday_TheWeekUnderWayIsToday_AndThePreviousOneEndedAWeekBefore()
    {
        var now = new DateTimeOffset(2026, 11, 29, 23, 0, 0, TimeSpan.FromHours(-2)); // Monday 30 November, 01:00 UTC
        var weeks = ReportWeeks.Last(2, now);
        Assert.Equal(new DateOnly(2026, 11, 29), weeks[0].Day);
        Assert.Equal(new DateOnly(2026, 11, 30), weeks[1].Day);

        var sunday = ReportWeeks.Last(2, new DateTimeOffset(2026, 11, 29, 10, 0, 0, TimeSpan.Zero));
        Assert.Equal(new DateOnly(2026, 11, 22), sunday[0].Day);
        Assert.Equal(new DateOnly(2026, 11, 29), sunday[1].Day);
    }
}
