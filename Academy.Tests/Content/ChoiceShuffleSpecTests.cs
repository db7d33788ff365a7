using Academy.Domain.Quizzes;

namespace Academy.Tests.Content;

/// <summary>content/README.md, 'shuffle': each attempt shows the choices of a judgment call in an order of its own,
/// drawn from the attempt's seed, unless the file says <c>shuffle: false</c>; knowledge checks only with
/// <c>shuffle: true</c>.</summary>
public sealed class ChoiceShuffleSpecTests
{
    /// <summary>A scenario as trainers write it: the best choice first.</summary>
    private static string Scenario(string frontMatter = "") => $$"""
        ---
        title: The late arrival
        pass: 70{{frontMatter}}
        ---
        ## Arrival {#arrival}
        Her room is not ready.

        - [3] Greet her by name first. -> room
        - [1] Ask for her booking reference. -> room
        - [0] Tell her the room is not ready. -> room

        ## The room {#room}
        Which room?

        - [x] The free one
        - [ ] Hers, later
        """;

    private static IEnumerable<int> AllSeeds => Enumerable.Range(0, 1000);

    private static string Shown(QuizDocument quiz, QuizStep step, int seed) =>
        string.Join(",", QuizDraw.Order(quiz, seed).ChoicesOf(step).Select(c => c.Number));

    [Fact]
    public void JudgmentCall_ShowsTheSameOrder_WhenTheSeedIsTheSame()
    {
        var quiz = QuizFiles.Parse(Scenario());
        var again = QuizFiles.Parse(Scenario());

        Assert.All(AllSeeds, seed => Assert.Equal(Shown(quiz, quiz.FirstStep, seed), Shown(again, again.FirstStep, seed)));
    }

    [Fact]
    public void JudgmentCall_ShowsEveryOrder_ForSomeSeeds()
    {
        var quiz = QuizFiles.Parse(Scenario());

        var orders = AllSeeds.Select(seed => Shown(quiz, quiz.FirstStep, seed)).ToHashSet();

        Assert.Equal(6, orders.Count); // the 3! orders of three choices
        Assert.All(orders, order => Assert.Equal("1,2,3", string.Join(",", order.Split(',').Order())));
    }

    [Fact]
    public void JudgmentCall_ShowsTheBestChoiceFirst_InAboutOneAttemptInThree()
    {
        var quiz = QuizFiles.Parse(Scenario());
        var best = quiz.FirstStep.BestChoice!;

        var bestFirst = AllSeeds.Count(seed => QuizDraw.Order(quiz, seed).ChoicesOf(quiz.FirstStep)[0] == best);

        // Seeds 0..999 give 1 in 3 within sampling error; always picking the first choice no longer pays.
        Assert.InRange(bestFirst, 280, 390);
    }

    [Fact]
    public void KnowledgeCheckStep_KeepsTheFileOrder_WhenTheFileSaysNothing()
    {
        var quiz = QuizFiles.Parse(Scenario());
        var check = quiz.Step("room")!;

        Assert.Equal(ChoiceShuffle.Judgments, quiz.Shuffle);
        Assert.All(AllSeeds, seed => Assert.Equal("1,2", Shown(quiz, check, seed)));
    }

    [Fact]
    public void EveryStep_KeepsTheFileOrder_WhenShuffleIsFalse()
    {
        var quiz = QuizFiles.Parse(Scenario("\nshuffle: false"));

        Assert.Equal(ChoiceShuffle.None, quiz.Shuffle);
        Assert.All(AllSeeds, seed => Assert.Equal("1,2,3", Shown(quiz, quiz.FirstStep, seed)));
        Assert.All(AllSeeds, seed => Assert.Equal("1,2", Shown(quiz, quiz.Step("room")!, seed)));
    }

    [Fact]
    public void EveryStep_IsShuffled_WhenShuffleIsTrue()
    {
        var quiz = QuizFiles.Parse(Scenario("\nshuffle: true"));

        Assert.Equal(ChoiceShuffle.All, quiz.Shuffle);
        Assert.Equal(6, AllSeeds.Select(seed => Shown(quiz, quiz.FirstStep, seed)).Distinct().Count());
        Assert.Equal(["1,2", "2,1"], AllSeeds.Select(seed => Shown(quiz, quiz.Step("room")!, seed)).Distinct().Order());
    }
}
