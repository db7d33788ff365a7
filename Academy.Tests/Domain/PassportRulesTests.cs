using Academy.Domain.Content;
using Academy.Domain.Learning;
using Academy.Domain.Practice;

namespace Academy.Tests.Domain;

public sealed class PassportRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);

    private static ModuleDocument Module(Validity? window = null) =>
        new("m", "en", "Module", ModuleKind.Behavioral, [], 20, new Validity(1, ValidityUnit.Years), new Audience(true, []), "", [], window);

    [Theory]
    [InlineData(null, PassportStatus.NotStarted)]
    [InlineData(200, PassportStatus.Completed)]
    [InlineData(20, PassportStatus.Expiring)]
    [InlineData(-1, PassportStatus.Expired)]
    public void StatusOf_FollowsTheLatestCompletionAndTheRefresherWindow(int? expiresInDays, PassportStatus expected)
    {
        Completion? latest = expiresInDays is { } days ? new Completion(Now.AddDays(days - 365), Now.AddDays(days)) : null;

        Assert.Equal(expected, PassportRules.StatusOf(Module(), latest, started: false, Now));
    }

    [Fact]
    public void StatusOf_IsCompleted_WhenTheCompletionNeverExpires()
    {
        Assert.Equal(PassportStatus.Completed, PassportRules.StatusOf(Module(), new Completion(Now.AddYears(-3), null), started: false, Now));
    }

    [Fact]
    public void StatusOf_UsesTheModulesOwnWindow_WhenItHasOne()
    {
        var latest = new Completion(Now.AddDays(-345), Now.AddDays(20));

        Assert.Equal(PassportStatus.Completed, PassportRules.StatusOf(Module(new Validity(14, ValidityUnit.Days)), latest, started: false, Now));
    }

    [Fact]
    public void StatusOf_IsInProgress_OnceStarted_UntilCompleted()
    {
        Assert.Equal(PassportStatus.InProgress, PassportRules.StatusOf(Module(), (Completion?)null, started: true, Now));
        Assert.Equal(PassportStatus.Completed, PassportRules.StatusOf(Module(), new Completion(Now.AddDays(-10), Now.AddDays(355)), started: true, Now));
        Assert.Equal(PassportStatus.Expired, PassportRules.StatusOf(Module(), new Completion(Now.AddDays(-370), Now.AddDays(-5)), started: true, Now));
    }

    [Fact]
    public void StatusOf_IsInProgress_AfterAFailedQuizAttempt_ThoughNoStepIsDone()
    {
        var untouched = ModuleProgress.Of(Module(), ["quiz"], ModuleActivity.None, Now);

        Assert.Equal(PassportStatus.NotStarted, PassportRules.StatusOf(Module(), untouched, quizAttempted: false, Now));
        Assert.Equal(PassportStatus.InProgress, PassportRules.StatusOf(Module(), untouched, quizAttempted: true, Now));
    }

    [Fact]
    public void IsCurrent_NeedsEveryModuleValid_AndAtLeastOne()
    {
        Assert.True(PassportRules.IsCurrent([PassportStatus.Completed, PassportStatus.Expiring]));
        Assert.False(PassportRules.IsCurrent([PassportStatus.Completed, PassportStatus.Expired]));
        Assert.False(PassportRules.IsCurrent([PassportStatus.Completed, PassportStatus.InProgress]));
        Assert.False(PassportRules.IsCurrent([]));
    }
}
