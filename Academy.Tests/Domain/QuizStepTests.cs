using Academy.Domain.Quizzes;
using static Academy.Tests.Domain.QuizBuilder;

namespace Academy.Tests.Domain;

public sealed class QuizStepTests
{
    [Theory]
    [InlineData(new[] { 1 }, true)]
    [InlineData(new[] { 2 }, false)]
    [InlineData(new[] { 1, 2 }, false)]
    [InlineData(new int[0], false)]
    public void IsRightAnswer_IsTrueOnlyForTheRightChoice_OfASingleAnswerQuestion(int[] picks, bool right)
    {
        var step = Step("q", X(), O(), O());

        Assert.Equal(right, step.IsRightAnswer(picks));
    }

    [Theory]
    [InlineData(new[] { 1, 3 }, true)]
    [InlineData(new[] { 3, 1 }, true)]
    [InlineData(new[] { 1 }, false)]
    [InlineData(new[] { 1, 2, 3 }, false)]
    [InlineData(new[] { 2 }, false)]
    public void IsRightAnswer_NeedsEveryRightChoiceAndNoOther_OfAMultiSelectQuestion(int[] picks, bool right)
    {
        var step = Step("q", X(), O(), X());

        Assert.Equal(right, step.IsRightAnswer(picks));
    }

    [Fact]
    public void IsRightAnswer_IsFalse_ForAJudgmentCallAndForAnEnding()
    {
        var call = Step("call", W(3), W(1));

        Assert.False(call.IsRightAnswer([1]));
        Assert.False(Ending("end").IsRightAnswer([]));
    }
}
