using Academy.Domain.Content;
using Academy.Domain.Learning;

namespace Academy.Tests.Domain;

public sealed class ModuleProgressTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private static ModuleDocument Module(Validity? refresher = null) => new("refunds", "en", "Refunds", ModuleKind.Technical, [], 20, refresher, Audience.All, "",
        [new Lesson(1, "One", ""), new Lesson(2, "Two", ""), new Lesson(3, "Three", "")]);

    private static readonly string[] OneQuiz = ["refund-rules"];

    [Fact]
    public void Of_IsNotStarted_WhenNothingWasDone()
    {
        var progress = ModuleProgress.Of(Module(), OneQuiz, ModuleActivity.None, Now);

        Assert.Equal(ProgressState.NotStarted, progress.State);
        Assert.Equal(0, progress.Percent);
        Assert.Equal(4, progress.StepCount);
    }

    [Fact]
    public void Of_CountsLessonsAndQuizzes_AsSteps()
    {
        var activity = new ModuleActivity([new(1, Now), new(2, Now), new(2, Now)], [new("refund-rules", Now, 90)], null);

        var progress = ModuleProgress.Of(Module(), OneQuiz, activity, Now);

        Assert.Equal(ProgressState.InProgress, progress.State);
        Assert.Equal(2, progress.LessonsRead);
        Assert.Equal(75, progress.Percent);
    }

    [Fact]
    public void Of_SaysWhatTheBarCounts_WhenEveryLessonIsReadButTheQuizIsNotPassed()
    {
        var activity = new ModuleActivity([new(1, Now), new(2, Now), new(3, Now)], [], null);

        var progress = ModuleProgress.Of(Module(), OneQuiz, activity, Now);

        Assert.Equal((3, 3), (progress.LessonsRead, progress.LessonCount));
        Assert.Equal((0, 1), (progress.QuizzesPassed, progress.QuizCount));
        Assert.Equal(75, progress.Percent);
    }

    [Fact]
    public void IsComplete_NeedsEveryLessonAndEveryQuiz()
    {
        var lessons = new LessonRead[] { new(1, Now), new(2, Now), new(3, Now) };

        Assert.False(ModuleProgress.IsComplete(Module(), OneQuiz, new ModuleActivity(lessons, [], null)));
        Assert.True(ModuleProgress.IsComplete(Module(), OneQuiz, new ModuleActivity(lessons, [new("refund-rules", Now, 80)], null)));
        Assert.False(ModuleProgress.IsComplete(Module(), OneQuiz, new ModuleActivity(lessons, [new("another-quiz", Now, 80)], null)));
    }

    [Fact]
    public void Of_IsCompletedUntilTheRefresherIsDue_ThenCountsOnlyWhatWasDoneSince()
    {
        var module = Module(new Validity(6, ValidityUnit.Months));
        var completion = ModuleProgress.CompletionAt(module, Now);
        var before = new LessonRead[] { new(1, Now.AddDays(-1)), new(2, Now.AddDays(-1)), new(3, Now.AddDays(-1)) };
        var activity = new ModuleActivity(before, [new("refund-rules", Now.AddDays(-1), 100)], completion);

        Assert.Equal(Now.AddMonths(6), completion.ExpiresAt);
        Assert.Equal(ProgressState.Completed, ModuleProgress.Of(module, OneQuiz, activity, Now.AddMonths(5)).State);
        var due = ModuleProgress.Of(module, OneQuiz, activity, Now.AddMonths(7));
        Assert.Equal(ProgressState.RefresherDue, due.State);
        Assert.Equal(0, due.LessonsRead);
        Assert.False(ModuleProgress.IsComplete(module, OneQuiz, activity));
        var reread = activity with { Lessons = [.. before, new(1, Now.AddMonths(7))] };
        Assert.Equal(1, ModuleProgress.Of(module, OneQuiz, reread, Now.AddMonths(7)).LessonsRead);
    }

    [Fact]
    public void IsComplete_ForARefresher_NeedsTheQuizzesAgainButNotTheLessons()
    {
        var module = Module(new Validity(6, ValidityUnit.Months));
        var first = ModuleProgress.CompletionAt(module, Now);
        var passedAgain = new ModuleActivity([], [new("refund-rules", Now.AddMonths(5), 90)], first);

        Assert.True(ModuleProgress.IsComplete(module, OneQuiz, passedAgain));
        Assert.False(ModuleProgress.IsComplete(module, [], new ModuleActivity([], [], first)));
    }

    [Fact]
    public void CompletionAt_NeverExpires_WithoutARefresher()
    {
        Assert.Null(ModuleProgress.CompletionAt(Module(), Now).ExpiresAt);
        Assert.True(ModuleProgress.CompletionAt(Module(), Now).IsCurrent(Now.AddYears(10)));
    }

    [Fact]
    public void BestScore_AveragesEachQuizsBestPassSinceTheLastCompletion()
    {
        var quizzes = new[] { "a", "b" };
        var activity = new ModuleActivity([], [new("a", Now, 80), new("a", Now, 90), new("b", Now, 70)], null);

        Assert.Equal(80m, activity.BestScore(quizzes));
        Assert.Null(new ModuleActivity([], [new("a", Now, 80)], null).BestScore(quizzes));
        Assert.Null(activity.BestScore([]));
    }
}
