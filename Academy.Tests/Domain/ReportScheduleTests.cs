using Academy.Domain.Reports;

namespace Academy.Tests.Domain;

public sealed class ReportScheduleTests
{
    // 5 January 2026 is a Monday.
    private static readonly DateOnly Monday = new(2026, 1, 5);

    [Fact]
    public void Weekly_IsDueFromItsDay_InItsIsoWeek_AndNotOnceSent()
    {
        var wednesday = new ReportSchedule(ReportFrequency.Weekly, (int)DayOfWeek.Wednesday);
        var created = Monday;
        Assert.False(wednesday.IsDue(Monday, created, sentThisPeriod: false));
        Assert.True(wednesday.IsDue(Monday.AddDays(2), created, sentThisPeriod: false));
        // A process that was down on Wednesday catches up on Thursday, in the same week.
        Assert.True(wednesday.IsDue(Monday.AddDays(3), created, sentThisPeriod: false));
        Assert.False(wednesday.IsDue(Monday.AddDays(3), created, sentThisPeriod: true));
        Assert.Equal(wednesday.Period(Monday), wednesday.Period(Monday.AddDays(6)));
        Assert.NotEqual(wednesday.Period(Monday), wednesday.Period(Monday.AddDays(7)));
        Assert.Equal("2026-W02", wednesday.Period(Monday));
        // Sunday closes the ISO week.
        Assert.Equal(Monday.AddDays(6), new ReportSchedule(ReportFrequency.Weekly, (int)DayOfWeek.Sunday).DueOn(Monday));
    }

    [Fact]
    public void Monthly_OnThe31st_IsTheLastDayOfAShorterMonth()
    {
        var last = new ReportSchedule(ReportFrequency.Monthly, 31);
        Assert.Equal(new DateOnly(2026, 2, 28), last.DueOn(new DateOnly(2026, 2, 3)));
        Assert.Equal(new DateOnly(2026, 1, 31), last.DueOn(new DateOnly(2026, 1, 3)));
        Assert.Equal("2026-02", last.Period(new DateOnly(2026, 2, 28)));
        Assert.False(new ReportSchedule(ReportFrequency.Monthly, 0).IsValid);
        Assert.False(new ReportSchedule(ReportFrequency.Weekly, 7).IsValid);
    }

    [Fact]
    public void APeriodWhoseDayCameBeforeTheSubscription_IsNotSent()
    {
        var tenth = new ReportSchedule(ReportFrequency.Monthly, 10);
        var created = new DateOnly(2026, 1, 20);
        Assert.False(tenth.IsDue(created, created, sentThisPeriod: false));
        Assert.True(tenth.IsDue(new DateOnly(2026, 2, 10), created, sentThisPeriod: false));
    }

    [Fact]
    public void RecipientList_KeepsEachAddressOnce_AndNamesEachBadOne()
    {
        var list = RecipientList.Parse("ana@example.com, not-an-address;bob@\nAna@example.com\n\nchris@example.org   Dan <dan@example.com> host@localhost");
        Assert.Equal(["ana@example.com", "chris@example.org"], list.Addresses);
        Assert.Equal(["not-an-address", "bob@", "Dan", "<dan@example.com>", "host@localhost"], list.Invalid);
    }
}
