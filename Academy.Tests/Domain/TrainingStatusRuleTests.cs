using Academy.Domain.Content;
using Academy.Domain.Learning;
using Academy.Domain.Reports;

namespace Academy.Tests.Domain;

public sealed class TrainingStatusRuleTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Before = Now.AddDays(-20);

    private static AssignmentFacts Open(DateOnly? due, int cycle = 0, DateTimeOffset? expires = null) =>
        new(Before, due, cycle, cycle > 0, expires, null);

    [Fact]
    public void Cell_IsNotAssigned_WhenNothingHappened() =>
        Assert.Equal(TrainingStatus.NotAssigned, TrainingStatusRule.Of(null, null, null, null, Now).Status);

    [Fact]
    public void Cell_IsAssignedThenInProgress_WhenWorkStartsBeforeTheDueDate()
    {
        var assignment = Open(new DateOnly(2026, 2, 1));
        Assert.Equal(TrainingStatus.Assigned, TrainingStatusRule.Of(assignment, null, null, null, Now).Status);
        var started = TrainingStatusRule.Of(assignment, null, Now.AddHours(-1), null, Now);
        Assert.Equal(TrainingStatus.InProgress, started.Status);
        Assert.Equal(new DateOnly(2026, 2, 1), started.Date);
    }

    [Fact]
    public void Cell_IsOverdue_TheDayAfterTheDueDate()
    {
        var assignment = Open(new DateOnly(2026, 1, 4));
        Assert.Equal(TrainingStatus.Overdue, TrainingStatusRule.Of(assignment, null, Now.AddHours(-1), null, Now).Status);
        Assert.Equal(TrainingStatus.InProgress, TrainingStatusRule.Of(assignment, null, Now.AddHours(-1), null, Now.AddDays(-1)).Status);
    }

    [Fact]
    public void Cell_IsCompleted_WithTheCompletionDate_WhenACurrentCompletionMeetsTheAssignment()
    {
        var completion = new Completion(Now.AddDays(-2), Now.AddDays(300));
        var cell = TrainingStatusRule.Of(Open(new DateOnly(2026, 1, 4)), completion, Now.AddDays(-3), null, Now);
        Assert.Equal(TrainingStatus.Completed, cell.Status);
        Assert.Equal(new DateOnly(2026, 1, 3), cell.Date);
    }

    [Fact]
    public void RefresherAssignment_IsExpiringUntilTheExpiry_ThenExpired()
    {
        var expiry = Now.AddDays(10);
        var refresher = Open(new DateOnly(2026, 1, 15), cycle: 1, expires: expiry);
        var old = new Completion(Now.AddDays(-355), expiry);
        var expiring = TrainingStatusRule.Of(refresher, old, null, null, Now);
        Assert.Equal(TrainingStatus.Expiring, expiring.Status);
        Assert.Equal(DateOnly.FromDateTime(expiry.UtcDateTime), expiring.Date);
        Assert.Equal(TrainingStatus.Expired, TrainingStatusRule.Of(refresher, old, null, null, expiry).Status);
        // Renewed: the new completion outlives the one the refresher renews.
        Assert.Equal(TrainingStatus.Completed, TrainingStatusRule.Of(refresher, new Completion(Now, Now.AddDays(365)), Now, null, Now).Status);
    }

    [Fact]
    public void UnassignedCompletion_FollowsItsRefresherWindow()
    {
        var completion = new Completion(Now.AddDays(-300), Now.AddDays(20));
        Assert.Equal(TrainingStatus.Completed, TrainingStatusRule.Of(null, completion, null, new Validity(10, ValidityUnit.Days), Now).Status);
        Assert.Equal(TrainingStatus.Expiring, TrainingStatusRule.Of(null, completion, null, null, Now).Status);
        Assert.Equal(TrainingStatus.Expired, TrainingStatusRule.Of(null, completion, null, null, Now.AddDays(21)).Status);
    }

    [Fact]
    public void Deciding_PrefersOpenWork_ThenTheLatestCycle()
    {
        var done = new AssignmentFacts(Before, null, 0, false, null, Now.AddDays(-1));
        var refresher = Open(null, cycle: 1, expires: Now.AddDays(5));
        Assert.Equal(refresher, TrainingStatusRule.Deciding([done, refresher]));
        Assert.Equal(done, TrainingStatusRule.Deciding([done]));
        Assert.Null(TrainingStatusRule.Deciding([]));
    }

    [Fact]
    public void Deciding_BreaksTiesByCycleThenAssignedDate_AndKeepsTheFirstOfEqualOnes()
    {
        var first = new AssignmentFacts(Before, null, 0, false, null, null);
        var later = first with { AssignedAt = Before.AddDays(3) };
        var refresher = first with { Cycle = 2 };
        var doneRefresher = first with { Cycle = 5, CompletedAt = Now };
        Assert.Equal(later, TrainingStatusRule.Deciding([first, later, doneRefresher]));
        Assert.Equal(refresher, TrainingStatusRule.Deciding([later, refresher, doneRefresher]));
        Assert.Equal(doneRefresher, TrainingStatusRule.Deciding([first with { CompletedAt = Now }, doneRefresher]));
        var twin = first with { DueOn = new DateOnly(2026, 1, 1) };
        Assert.Equal(first, TrainingStatusRule.Deciding([first, twin]));
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://evil\")", "'=HYPERLINK(\"http://evil\")")]
    [InlineData("+33 1 23", "'+33 1 23")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tx", "'\tx")]
    [InlineData("\rx", "'\rx")]
    [InlineData("Léa Moreau", "Léa Moreau")]
    [InlineData("a=b", "a=b")]
    [InlineData("", "")]
    public void SpreadsheetText_NeutralisesFormulaStarts(string text, string expected) =>
        Assert.Equal(expected, SpreadsheetText.Neutralise(text));
}

public sealed class ProgramStatusRuleTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    private static TrainingCell Cell(TrainingStatus status, DateOnly? due = null, DateTimeOffset? completed = null, DateTimeOffset? expires = null) =>
        new(status, null, due, completed, expires);

    [Fact]
    public void Program_IsOverdue_WhenAnyModuleIs_DatedByTheEarliestDueDate()
    {
        var cell = ProgramStatusRule.Of([Cell(TrainingStatus.Completed, completed: Now), Cell(TrainingStatus.Overdue, new DateOnly(2026, 1, 2)),
            Cell(TrainingStatus.Overdue, new DateOnly(2025, 12, 20)), Cell(TrainingStatus.Expired, expires: Now)]);
        Assert.Equal(TrainingStatus.Overdue, cell.Status);
        Assert.Equal(new DateOnly(2025, 12, 20), cell.Date);
    }

    [Fact]
    public void Program_IsCompleted_OnlyWhenEveryModuleIsDone()
    {
        var done = ProgramStatusRule.Of([Cell(TrainingStatus.Completed, completed: Now.AddDays(-9)), Cell(TrainingStatus.Completed, completed: Now.AddDays(-2))]);
        Assert.Equal(TrainingStatus.Completed, done.Status);
        Assert.Equal(DateOnly.FromDateTime(Now.AddDays(-2).UtcDateTime), done.Date);
        var expiring = ProgramStatusRule.Of([Cell(TrainingStatus.Completed, completed: Now), Cell(TrainingStatus.Expiring, expires: Now.AddDays(10))]);
        Assert.Equal(TrainingStatus.Expiring, expiring.Status);
        var half = ProgramStatusRule.Of([Cell(TrainingStatus.Completed, completed: Now), Cell(TrainingStatus.Assigned, new DateOnly(2026, 2, 1)), Cell(TrainingStatus.NotAssigned)]);
        Assert.Equal(TrainingStatus.InProgress, half.Status);
        Assert.Equal(new DateOnly(2026, 2, 1), half.Date);
    }

    [Fact]
    public void Program_IsAssigned_BeforeAnyStart_AndNotAssigned_WhenNoModuleIs()
    {
        Assert.Equal(TrainingStatus.Assigned, ProgramStatusRule.Of([Cell(TrainingStatus.Assigned, new DateOnly(2026, 3, 1)), Cell(TrainingStatus.NotAssigned)]).Status);
        Assert.Equal(TrainingStatus.NotAssigned, ProgramStatusRule.Of([Cell(TrainingStatus.NotAssigned), Cell(TrainingStatus.NotAssigned)]).Status);
        Assert.Equal(TrainingStatus.NotAssigned, ProgramStatusRule.Of([]).Status);
    }
}
