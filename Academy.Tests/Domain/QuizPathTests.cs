using Academy.Domain.Quizzes;
using static Academy.Tests.Domain.QuizBuilder;

namespace Academy.Tests.Domain;

public sealed class QuizPathTests
{
    [Fact]
    public void Walk_StartsAtTheFirstStep_WhenNothingIsAnswered()
    {
        Assert.Equal(new PathState("arrival", false), QuizPath.Walk(LateArrival(), []));
    }

    [Fact]
    public void Walk_FollowsTheJumps_AndStopsOnTheEndingReached()
    {
        var quiz = LateArrival();

        Assert.Equal(new PathState("upset", false), QuizPath.Walk(quiz, [A("arrival", 3)]));
        Assert.Equal(new PathState("waiting", false), QuizPath.Walk(quiz, [A("arrival", 3), A("upset", 2)]));
        Assert.Equal(new PathState("lost", true), QuizPath.Walk(quiz, [A("arrival", 3), A("upset", 2), A("waiting", 3)]));
    }

    [Fact]
    public void Walk_FinishesWithoutAStep_WhenAChoiceJumpsToEnd()
    {
        Assert.Equal(new PathState(null, true), QuizPath.Walk(LateArrival(), [A("arrival", 3), A("upset", 3)]));
    }

    [Fact]
    public void Walk_GoesToTheNextStepInTheFile_WhenAChoiceHasNoJump_AndFinishesAfterTheLast()
    {
        var quiz = Quiz(Step("a", X(), O()), Step("b", X(), O()));

        Assert.Equal(new PathState("b", false), QuizPath.Walk(quiz, [A("a", 2)]));
        Assert.Equal(new PathState(null, true), QuizPath.Walk(quiz, [A("a", 2), A("b", 1)]));
    }

    [Fact]
    public void Walk_FollowsTheSharedJump_WhenAMultiSelectStepIsAnswered()
    {
        var quiz = Quiz(Step("checks", X("c"), X("c"), O("c")), Step("b", X()), Step("c", X()));

        Assert.Equal(new PathState("c", false), QuizPath.Walk(quiz, [A("checks", 3, 1)]));
    }

    [Fact]
    public void Check_AcceptsTheStepThePathReached()
    {
        Assert.Equal(AnswerCheck.Accepted, QuizPath.Check(LateArrival(), [A("arrival", 1)], A("news", 2)));
    }

    [Theory]
    [InlineData("upset")] // on the branch the learner did not take
    [InlineData("details")] // further down the learner's own branch
    [InlineData("arrival")] // answered already
    [InlineData("nowhere")]
    public void Check_RejectsAStep_WhenThePathHasNotReachedIt(string stepId)
    {
        Assert.Equal(AnswerCheck.NotReached, QuizPath.Check(LateArrival(), [A("arrival", 1)], A(stepId, 1)));
    }

    [Fact]
    public void Check_RejectsAnyAnswer_WhenThePathIsFinished()
    {
        var quiz = LateArrival();
        var answers = new[] { A("arrival", 1), A("news", 1), A("details", 1) };

        Assert.Equal(AnswerCheck.Finished, QuizPath.Check(quiz, answers, A("settled", 1)));
        Assert.Equal(AnswerCheck.Finished, QuizPath.Check(quiz, [A("arrival", 3), A("upset", 3)], A("details", 1)));
    }

    [Theory]
    [InlineData(new int[0], AnswerCheck.NoChoice)]
    [InlineData(new[] { 4 }, AnswerCheck.UnknownChoice)]
    [InlineData(new[] { 0 }, AnswerCheck.UnknownChoice)]
    [InlineData(new[] { 1, 1 }, AnswerCheck.RepeatedChoice)]
    [InlineData(new[] { 1, 2 }, AnswerCheck.OneChoiceOnly)]
    [InlineData(new[] { 2 }, AnswerCheck.Accepted)]
    public void CheckPicks_JudgesThePicks_WhenTheStepTakesOneChoice(int[] picks, AnswerCheck expected)
    {
        Assert.Equal(expected, QuizPath.CheckPicks(Step("q", W(3), W(1), W(0)), picks));
        Assert.Equal(expected, QuizPath.CheckPicks(Step("q", X(), O(), O()), picks));
    }

    [Fact]
    public void CheckPicks_AcceptsSeveralPicks_WhenTheStepIsMultiSelect()
    {
        var step = Step("checks", X(), X(), O());

        Assert.Equal(AnswerCheck.Accepted, QuizPath.CheckPicks(step, [1, 2, 3]));
        Assert.Equal(AnswerCheck.Accepted, QuizPath.CheckPicks(step, [3]));
        Assert.Equal(AnswerCheck.RepeatedChoice, QuizPath.CheckPicks(step, [2, 2]));
    }

    [Fact]
    public void Walk_Throws_WhenASavedAnswerIsOffThePath()
    {
        var error = Assert.Throws<ArgumentException>(() => QuizPath.Walk(LateArrival(), [A("arrival", 1), A("upset", 1)]));

        Assert.Contains("Answer 2", error.Message);
        Assert.Contains("NotReached", error.Message);
    }

    [Fact]
    public void Walk_FollowsTheDrawnOrder_AndClosesWithTheEnding_WhenTheQuizDraws()
    {
        var quiz = Quiz(Step("a", X(), O()), Step("b", X(), O()), Step("c", X(), O()), Ending("thanks")) with { Draw = 2 };
        var order = new QuizOrder(["c", "a", "thanks"], new Dictionary<string, IReadOnlyList<int>>());

        Assert.Equal(new PathState("c", false), QuizPath.Walk(quiz, [], order));
        Assert.Equal(AnswerCheck.NotReached, QuizPath.Check(quiz, [], A("a", 1), order));
        Assert.Equal(new PathState("a", false), QuizPath.Walk(quiz, [A("c", 2)], order));
        Assert.Equal(new PathState("thanks", true), QuizPath.Walk(quiz, [A("c", 2), A("a", 1)], order));
    }

    [Fact]
    public void Walk_Throws_WhenADrawnQuizHasNoOrder()
    {
        var quiz = Quiz(Step("a", X(), O())) with { Draw = 1 };

        Assert.Throws<ArgumentException>(() => QuizPath.Walk(quiz, []));
    }
}
