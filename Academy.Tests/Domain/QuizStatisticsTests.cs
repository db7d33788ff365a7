using Academy.Domain.Quizzes;
using Academy.Domain.Statistics;
using static Academy.Tests.Domain.QuizBuilder;

namespace Academy.Tests.Domain;

public sealed class QuizStatisticsTests
{
    /// <summary>Seven attempts at the reduced late-arrival scenario (best path 9 marks, pass 70), scored by hand.</summary>
    private static readonly PlayedAttempt[] SevenAttempts =
    [
        Done(100m, true, A("arrival", 1), A("news", 1), A("details", 1)), // 3+3+3 of 9, ends on settled
        Done(77.7778m, true, A("arrival", 2), A("news", 1), A("details", 2)), // 2+3+2, settled
        Done(0m, false, A("arrival", 3), A("upset", 3)), // 0+0, "-> end": no ending step
        Done(44.4444m, false, A("arrival", 3), A("upset", 1), A("details", 3)), // 0+3+1, settled
        Done(44.4444m, false, A("arrival", 1), A("news", 3), A("waiting", 2)), // 3+0+1, lost
        Open(A("arrival", 1), A("news", 2)), // stopped at waiting
        Open(), // stopped at arrival
    ];

    [Fact]
    public void Compute_CountsAttempts_AndScoresOfTheFinishedOnes()
    {
        var statistics = QuizStatistics.Compute(LateArrival(), SevenAttempts);

        Assert.Equal(7, statistics.Started);
        Assert.Equal(5, statistics.Finished);
        Assert.Equal(2, statistics.Unfinished);
        Assert.Equal(2, statistics.Passed);
        Assert.Equal(40m, statistics.PassRate);
        Assert.Equal(53.33332m, statistics.AverageScore); // 266.6666 / 5
        Assert.Equal(44.4444m, statistics.MedianScore); // 0, 44.4444, 44.4444, 77.7778, 100
    }

    [Fact]
    public void Compute_CountsEachChoiceAndItsShare_PerStepInFileOrder()
    {
        var steps = QuizStatistics.Compute(LateArrival(), SevenAttempts).Steps;

        Assert.Equal(["arrival", "news", "upset", "waiting", "details", "settled", "lost"], steps.Select(s => s.Step.Id));
        Assert.Equal([(7, 6), (4, 4), (2, 2), (2, 1), (3, 3), (3, 0), (1, 0)], steps.Select(s => (s.Reached, s.Answered)));
        Assert.Equal([3, 1, 2], steps[0].Choices.Select(c => c.Picks));
        Assert.Equal([50m, 16.67m, 33.33m], steps[0].Choices.Select(c => Math.Round(c.Share, 2)));
        Assert.Equal([2, 1, 1], steps[1].Choices.Select(c => c.Picks));
        Assert.Equal([50m, 25m, 25m], steps[1].Choices.Select(c => c.Share));
        Assert.Equal([50m, 0m, 50m], steps[2].Choices.Select(c => c.Share));
        Assert.Equal([0m, 100m, 0m], steps[3].Choices.Select(c => c.Share));
        Assert.Equal([1, 1, 1], steps[4].Choices.Select(c => c.Picks));
        Assert.Empty(steps[5].Choices);
    }

    [Fact]
    public void Compute_KeepsEachChoicesMark()
    {
        var arrival = QuizStatistics.Compute(LateArrival(), SevenAttempts).Steps[0];

        Assert.Equal([ChoiceMark.Weighted(3), ChoiceMark.Weighted(2), ChoiceMark.Weighted(0)], arrival.Choices.Select(c => c.Choice.Mark));
    }

    [Fact]
    public void Compute_CountsDropOuts_AtTheStepAfterTheLastAnswer()
    {
        var steps = QuizStatistics.Compute(LateArrival(), SevenAttempts).Steps;

        Assert.Equal([1, 0, 0, 1, 0, 0, 0], steps.Select(s => s.StoppedHere));
    }

    [Fact]
    public void StoppedShare_IsTheStepsPartOfTheUnfinishedAttempts()
    {
        var statistics = QuizStatistics.Compute(LateArrival(), SevenAttempts);

        Assert.Equal([50m, 0m, 0m, 50m, 0m, 0m, 0m], statistics.Steps.Select(statistics.StoppedShare));
        var allFinished = QuizStatistics.Compute(LateArrival(), SevenAttempts[..5]);
        Assert.All(allFinished.Steps, s => Assert.Equal(0m, allFinished.StoppedShare(s)));
    }

    [Fact]
    public void Compute_CountsEveryPick_OnAMultiSelectStep()
    {
        var quiz = Quiz(Step("m", X(), X(), O()), Step("n", X(), O()));

        var statistics = QuizStatistics.Compute(quiz, [Open(A("m", 1, 2)), Open(A("m", 1, 3)), Open(A("m", 2))]);

        var step = statistics.Steps[0];
        Assert.Equal(3, step.Answered);
        Assert.Equal([2, 2, 1], step.Choices.Select(c => c.Picks));
        Assert.Equal([66.67m, 66.67m, 33.33m], step.Choices.Select(c => Math.Round(c.Share, 2)));
        Assert.Equal(3, statistics.Steps[1].StoppedHere);
    }

    [Fact]
    public void Compute_FindsWhereAnAttemptStopped_FromItsSeed_WhenTheQuizDrawsItsSteps()
    {
        var quiz = Quiz(Step("a", X(), O()), Step("b", X(), O()), Step("c", X(), O())) with { Draw = 2 };
        var seed = Enumerable.Range(0, 100).First(s => QuizDraw.Order(quiz, s).StepIds![0] != "a");
        var first = QuizDraw.Order(quiz, seed).StepIds![0];

        var statistics = QuizStatistics.Compute(quiz, [Open() with { Seed = seed }]);

        Assert.Equal(1, Assert.Single(statistics.Steps, s => s.StoppedHere > 0).StoppedHere);
        Assert.Equal(first, statistics.Steps.Single(s => s.StoppedHere > 0).Step.Id);
        Assert.Equal(0, statistics.Steps[0].StoppedHere);
    }

    [Fact]
    public void Compute_TakesTheMeanOfTheTwoMiddleScores_AsTheMedianOfAnEvenCount()
    {
        var statistics = QuizStatistics.Compute(LateArrival(), [SevenAttempts[0], SevenAttempts[2], SevenAttempts[3], SevenAttempts[1]]);

        Assert.Equal(61.1111m, statistics.MedianScore); // (44.4444 + 77.7778) / 2
        Assert.Equal(50m, statistics.PassRate);
    }

    [Fact]
    public void Compute_GivesZerosAndNoScores_WhenNobodyPlayed()
    {
        var statistics = QuizStatistics.Compute(LateArrival(), []);

        Assert.Equal((0, 0, 0, 0), (statistics.Started, statistics.Finished, statistics.Passed, statistics.Unfinished));
        Assert.Null(statistics.PassRate);
        Assert.Null(statistics.AverageScore);
        Assert.Null(statistics.MedianScore);
        Assert.Equal(7, statistics.Steps.Count);
        Assert.All(statistics.Steps, s => Assert.Equal((0, 0, 0), (s.Reached, s.Answered, s.StoppedHere)));
        Assert.All(statistics.Steps.SelectMany(s => s.Choices), c => Assert.Equal((0, 0m), (c.Picks, c.Share)));
    }

    [Fact]
    public void Compute_GivesNoScores_WhenNoAttemptIsFinished()
    {
        var statistics = QuizStatistics.Compute(LateArrival(), [Open(A("arrival", 2))]);

        Assert.Equal(1, statistics.Unfinished);
        Assert.Null(statistics.PassRate);
        Assert.Null(statistics.AverageScore);
        Assert.Equal(1, statistics.Steps.Single(s => s.Step.Id == "news").StoppedHere);
    }

    [Fact]
    public void Compute_Throws_WhenAnAttemptIsNotAPathThroughTheQuiz()
    {
        Assert.Throws<ArgumentException>(() => QuizStatistics.Compute(LateArrival(), [Open(A("details", 1))]));
    }

    private static PlayedAttempt Done(decimal percent, bool passed, params Answer[] answers) => new(0, true, percent, passed, answers);

    private static PlayedAttempt Open(params Answer[] answers) => new(0, false, null, false, answers);
}
