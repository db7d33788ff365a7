using Academy.Domain.Quizzes;
using static Academy.Tests.Domain.QuizBuilder;

namespace Academy.Tests.Domain;

public sealed class QuizDrawTests
{
    private static QuizDocument TenQuestions(int? draw, bool shuffle) =>
        Quiz([.. Enumerable.Range(1, 10).Select(i => Step($"q{i}", X(), O(), O(), O())), Ending("thanks")])
            with { Draw = draw, Shuffle = shuffle ? ChoiceShuffle.All : ChoiceShuffle.Judgments };

    [Fact]
    public void Order_GivesTheSameOrder_WhenTheSeedIsTheSame()
    {
        var quiz = TenQuestions(draw: 4, shuffle: true);

        for (var seed = -50; seed < 50; seed++)
        {
            var first = QuizDraw.Order(quiz, seed);
            var again = QuizDraw.Order(quiz, seed);
            Assert.Equal(first.StepIds, again.StepIds);
            Assert.Equal(first.ChoiceNumbers.OrderBy(p => p.Key).Select(p => (p.Key, string.Join(",", p.Value))),
                again.ChoiceNumbers.OrderBy(p => p.Key).Select(p => (p.Key, string.Join(",", p.Value))));
        }
    }

    [Fact]
    public void Order_KeepsItsSequence_AcrossReleases()
    {
        // A resumed attempt must see what it saw before a deploy: if this fails, the generator changed, and every
        // attempt in progress would show other steps. Change the generator only with a migration of attempts.
        var order = QuizDraw.Order(TenQuestions(draw: 4, shuffle: true), 42);

        Assert.Equal(["q1", "q10", "q6", "q9", "thanks"], order.StepIds);
        Assert.Equal([2, 1, 4, 3], order.ChoiceNumbers["q1"]);
        Assert.Equal(["q7", "q4", "q3", "q10", "thanks"], QuizDraw.Order(TenQuestions(draw: 4, shuffle: true), 0).StepIds);
    }

    [Fact]
    public void Order_GivesOtherOrders_WhenSeedsDiffer()
    {
        var quiz = TenQuestions(draw: 4, shuffle: false);

        var orders = Enumerable.Range(0, 20).Select(seed => string.Join(",", QuizDraw.Order(quiz, seed).StepIds!)).ToHashSet();

        Assert.True(orders.Count > 15, $"Only {orders.Count} different orders for 20 seeds.");
    }

    [Fact]
    public void Order_DrawsDistinctQuestions_ThenTheClosingEnding_WhenTheQuizDraws()
    {
        var quiz = TenQuestions(draw: 4, shuffle: false);
        var seen = new HashSet<string>();

        for (var seed = 0; seed < 300; seed++)
        {
            var ids = QuizDraw.Order(quiz, seed).StepIds!;
            Assert.Equal(5, ids.Count);
            Assert.Equal("thanks", ids[^1]);
            Assert.Equal(4, ids.Take(4).Distinct().Count());
            Assert.All(ids.Take(4), id => Assert.False(quiz.Step(id)!.IsEnding));
            seen.UnionWith(ids);
        }

        Assert.Equal(11, seen.Count); // every question gets drawn sooner or later
    }

    [Fact]
    public void Order_AsksEveryQuestionInSomeOrder_WhenDrawEqualsTheQuestions()
    {
        var quiz = TenQuestions(draw: 10, shuffle: false);

        var ids = QuizDraw.Order(quiz, 7).StepIds!;

        Assert.Equal(quiz.Steps.Select(s => s.Id).Order(), ids.Order());
    }

    [Fact]
    public void Order_FollowsTheFile_WhenTheQuizNeitherDrawsNorShuffles()
    {
        var quiz = TenQuestions(draw: null, shuffle: false);

        var order = QuizDraw.Order(quiz, 3);

        Assert.Null(order.StepIds);
        Assert.Empty(order.ChoiceNumbers);
        Assert.Same(quiz.Steps[0].Choices, order.ChoicesOf(quiz.Steps[0]));
    }

    [Fact]
    public void Order_ShufflesEveryStepsChoices_WhenTheQuizShuffles()
    {
        var quiz = TenQuestions(draw: null, shuffle: true);
        var firsts = new HashSet<int>();

        for (var seed = 0; seed < 100; seed++)
        {
            var order = QuizDraw.Order(quiz, seed);
            Assert.Null(order.StepIds);
            Assert.Equal(10, order.ChoiceNumbers.Count);
            Assert.False(order.ChoiceNumbers.ContainsKey("thanks"));
            var shown = order.ChoicesOf(quiz.Steps[0]);
            Assert.Equal([1, 2, 3, 4], shown.Select(c => c.Number).Order());
            firsts.Add(shown[0].Number);
        }

        Assert.Equal(4, firsts.Count); // the right choice is not always first
    }

    [Fact]
    public void Order_ShufflesOnlyTheJudgmentCalls_WhenTheQuizSaysNothing()
    {
        var quiz = Quiz(Step("check", X(), O(), O()), Step("call", W(3), W(2), W(1), W(0)), Ending("done"));

        var orders = Enumerable.Range(0, 50).Select(seed => QuizDraw.Order(quiz, seed)).ToList();

        Assert.All(orders, order => Assert.Equal(["call"], order.ChoiceNumbers.Keys));
        Assert.All(orders, order => Assert.Same(quiz.Steps[0].Choices, order.ChoicesOf(quiz.Steps[0])));
        Assert.True(orders.Select(o => o.ChoicesOf(quiz.Steps[1])[0].Number).Distinct().Count() > 1);
    }

    [Theory]
    [InlineData(ChoiceShuffle.All, "check,call")]
    [InlineData(ChoiceShuffle.Judgments, "call")]
    [InlineData(ChoiceShuffle.None, "")]
    public void Order_ShufflesTheStepsTheQuizSays(ChoiceShuffle shuffle, string shuffled)
    {
        var quiz = Quiz(Step("check", X(), O(), O()), Step("call", W(3), W(2), W(1), W(0)), Ending("done")) with { Shuffle = shuffle };

        var order = QuizDraw.Order(quiz, 11);

        Assert.Equal(shuffled, string.Join(",", quiz.Steps.Select(s => s.Id).Where(order.ChoiceNumbers.ContainsKey)));
        Assert.Equal(shuffled, string.Join(",", quiz.Steps.Where(quiz.ShufflesChoicesOf).Select(s => s.Id)));
    }
}
