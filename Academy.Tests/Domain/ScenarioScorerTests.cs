using Academy.Domain.Quizzes;
using static Academy.Tests.Domain.QuizBuilder;

namespace Academy.Tests.Domain;

public sealed class ScenarioScorerTests
{
    [Fact]
    public void StepMarks_GivesOneOrNothing_WhenTheStepHasOneRightChoice()
    {
        var step = Step("q", O(), X(), O());

        Assert.Equal(1m, ScenarioScorer.StepMarks(step, [2]));
        Assert.Equal(0m, ScenarioScorer.StepMarks(step, [1]));
        Assert.Equal(1m, ScenarioScorer.StepMax(step));
    }

    [Theory]
    [InlineData(new[] { 1, 2, 3 }, "1")]
    [InlineData(new[] { 1 }, "0.3333333333333333333333333333")]
    [InlineData(new[] { 1, 2 }, "0.6666666666666666666666666667")]
    [InlineData(new[] { 1, 2, 3, 4 }, "0.6666666666666666666666666667")]
    [InlineData(new[] { 1, 2, 4 }, "0.3333333333333333333333333333")]
    [InlineData(new[] { 1, 4 }, "0")]
    [InlineData(new[] { 1, 4, 5 }, "0")]
    [InlineData(new[] { 4, 5 }, "0")]
    public void StepMarks_GivesASharePerRightPickLessOnePerWrongPick_NeverBelowZero_WhenTheStepIsMultiSelect(int[] picks, string expected)
    {
        var step = Step("checks", X(), X(), X(), O(), O());

        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), ScenarioScorer.StepMarks(step, picks));
    }

    [Fact]
    public void StepMarks_GivesExactlyOne_WhenEveryRightChoiceOfThreeIsPicked()
    {
        // Three thirds added up would give 0.9999...; the learner who picked everything right must score 100%.
        var quiz = Quiz(Step("checks", X(), X(), X(), O()));

        var result = ScenarioScorer.Score(quiz, [A("checks", 3, 1, 2)]);

        Assert.Equal(100m, result.Percent);
    }

    [Fact]
    public void StepMarks_GivesTheWeight_WhenTheStepIsWeighted()
    {
        var step = Step("q", W(3), W(2), W(1), W(0));

        Assert.Equal([3m, 2m, 1m, 0m], [.. Enumerable.Range(1, 4).Select(n => ScenarioScorer.StepMarks(step, [n]))]);
        Assert.Equal(3m, ScenarioScorer.StepMax(step));
    }

    [Fact]
    public void StepMax_IsTheBestWeight_WhenNoChoiceWeighsThree()
    {
        Assert.Equal(2m, ScenarioScorer.StepMax(Step("q", W(1), W(2), W(0))));
        Assert.Equal(0m, ScenarioScorer.StepMax(Ending("end-text")));
    }

    [Theory]
    [InlineData(new int[0])]
    [InlineData(new[] { 9 })]
    [InlineData(new[] { 1, 1 })]
    [InlineData(new[] { 1, 2 })]
    public void StepMarks_Throws_WhenThePicksAreNotAnAnswer(int[] picks)
    {
        Assert.Throws<ArgumentException>(() => ScenarioScorer.StepMarks(Step("q", W(3), W(1)), picks));
    }

    [Fact]
    public void BestTotal_IsTheSumOfStepMaxima_WhenTheQuizDoesNotBranch()
    {
        var quiz = Quiz(Step("a", X(), O()), Step("b", X(), X(), O()), Step("c", W(2), W(1)));

        Assert.Equal(4m, ScenarioScorer.BestTotal(quiz));
    }

    [Fact]
    public void BestTotal_FollowsTheBestPath_WhenTheScenarioBranches()
    {
        Assert.Equal(9m, ScenarioScorer.BestTotal(LateArrival()));
    }

    [Fact]
    public void BestTotal_CountsTheLongerPath_WhenAWeakerChoiceOpensMoreSteps()
    {
        // The parser rejects this file; the scorer still defines the best path as the one that earns most.
        var quiz = Quiz(Step("a", W(3, "end"), W(1, "b")), Step("b", W(3)));

        Assert.Equal(4m, ScenarioScorer.BestTotal(quiz));
    }

    [Fact]
    public void BestTotal_Throws_WhenTheStepsLoop()
    {
        var quiz = Quiz(Step("a", X("b")), Step("b", X("a")));

        Assert.Throws<InvalidOperationException>(() => ScenarioScorer.BestTotal(quiz));
    }

    [Fact]
    public void Score_Is100_WhenTheLearnerTakesTheBestPath()
    {
        var result = ScenarioScorer.Score(LateArrival(), [A("arrival", 1), A("news", 1), A("details", 1)]);

        Assert.Equal(new ScoreResult(9, 9, 100, true), result);
    }

    [Fact]
    public void Score_StaysBelowTheBestPath_WhenTheLearnerRecoversOnAWeakBranch()
    {
        // A perfect recovery after a harmful start: 0 + 3 + 3 of the best path's 9.
        var result = ScenarioScorer.Score(LateArrival(), [A("arrival", 3), A("upset", 1), A("details", 1)]);

        Assert.Equal(6m, result.Earned);
        Assert.Equal(9m, result.Max);
        Assert.False(result.Passed);
        Assert.True(result.Percent < 70);
    }

    [Fact]
    public void Score_CountsOnlyTheAnswersGiven_WhenTheAttemptIsUnfinished()
    {
        var result = ScenarioScorer.Score(LateArrival(), [A("arrival", 2)]);

        Assert.Equal((2m, 9m), (result.Earned, result.Max));
    }

    [Theory]
    [InlineData(80, 4, true)]
    [InlineData(81, 4, false)]
    [InlineData(80, 3, false)]
    [InlineData(0, 0, true)]
    [InlineData(100, 5, true)]
    [InlineData(100, 4, false)]
    public void Score_Passes_WhenThePercentReachesThePassMark(int pass, int rightAnswers, bool passed)
    {
        var quiz = Quiz(pass, [.. Enumerable.Range(1, 5).Select(i => Step($"q{i}", X(), O()))]);
        var answers = Enumerable.Range(1, 5).Select(i => A($"q{i}", i <= rightAnswers ? 1 : 2)).ToList();

        var result = ScenarioScorer.Score(quiz, answers);

        Assert.Equal(rightAnswers * 20m, result.Percent);
        Assert.Equal(passed, result.Passed);
    }

    [Fact]
    public void Score_DoesNotRoundUpToThePassMark_WhenJustBelowIt()
    {
        // 2 of 3 is 66.67%: a learner shown "67%" by a careless rounding must still not pass a 67% quiz.
        var quiz = Quiz(67, Step("a", X(), O()), Step("b", X(), O()), Step("c", X(), O()));

        var result = ScenarioScorer.Score(quiz, [A("a", 1), A("b", 1), A("c", 2)]);

        Assert.False(result.Passed);
        Assert.Equal(66, (int)Math.Floor(result.Percent));
    }

    [Fact]
    public void Score_DividesByTheDrawnStepsMaxima_WhenTheQuizDraws()
    {
        var quiz = Quiz(Step("a", X(), O()), Step("b", W(3), W(1)), Step("c", X(), O())) with { Draw = 2 };
        var order = new QuizOrder(["b", "a"], new Dictionary<string, IReadOnlyList<int>>());

        var result = ScenarioScorer.Score(quiz, [A("b", 2), A("a", 1)], order);

        Assert.Equal((2m, 4m, 50m), (result.Earned, result.Max, result.Percent));
    }

    [Fact]
    public void Score_Throws_WhenAnAnswerIsOffThePath()
    {
        Assert.Throws<ArgumentException>(() => ScenarioScorer.Score(LateArrival(), [A("arrival", 1), A("upset", 1)]));
    }

    [Fact]
    public void Score_Throws_WhenADrawnQuizHasNoOrder()
    {
        var quiz = Quiz(Step("a", X(), O()), Step("b", X(), O())) with { Draw = 1 };

        Assert.Throws<ArgumentException>(() => ScenarioScorer.Score(quiz, []));
    }
}
