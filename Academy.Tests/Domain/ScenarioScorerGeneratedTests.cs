using Academy.Domain.Quizzes;
using static Academy.Tests.Domain.QuizBuilder;

namespace Academy.Tests.Domain;

/// <summary>The scoring promise checked on many random scenarios rather than a few chosen ones: whatever the
/// graph, no path scores above the best path, and the best path scores exactly 100%. Every path is walked and
/// scored through the public API, so the check does not lean on how <see cref="ScenarioScorer.BestTotal"/> works.</summary>
public sealed class ScenarioScorerGeneratedTests
{
    public static TheoryData<int> Seeds() => [.. Enumerable.Range(0, 10)];

    /// <summary>Ten theory rows of 50 seeds each: 500 graphs, reported in small enough groups to find a failure.</summary>
    [Theory]
    [MemberData(nameof(Seeds))]
    public void Score_NeverExceedsTheBestPath_AndTheBestPathScores100_OnRandomAcyclicScenarios(int group)
    {
        for (var seed = group * 50; seed < (group + 1) * 50; seed++)
        {
            var quiz = RandomScenario(new Random(seed));
            var percents = new List<decimal>();
            var earned = new List<decimal>();
            foreach (var path in Paths(quiz))
            {
                var result = ScenarioScorer.Score(quiz, path);
                Assert.True(QuizPath.Walk(quiz, path).Finished, $"Seed {seed}: a path did not finish.");
                Assert.True(result.Percent is >= 0 and <= 100, $"Seed {seed}: a path scored {result.Percent}%.");
                percents.Add(result.Percent);
                earned.Add(result.Earned);
            }
            Assert.Equal(100m, percents.Max());
            Assert.Equal(ScenarioScorer.BestTotal(quiz), earned.Max());
        }
    }

    /// <summary>Up to 6 steps of every kind; jumps only lead forward (to a later step, to the next by default, or to
    /// the end), so the graph has no loop. Steps no path reaches are allowed: the scorer must not mind them.</summary>
    private static QuizDocument RandomScenario(Random random)
    {
        var count = random.Next(1, 7);
        var ids = Enumerable.Range(0, count).Select(i => $"s{i}").ToArray();
        string? Jump(int from) => random.Next(4) switch
        {
            0 => null,
            1 => QuizChoice.End,
            _ when from + 1 < count => ids[random.Next(from + 1, count)],
            _ => null,
        };
        var steps = new List<QuizStep>();
        for (var i = 0; i < count; i++)
        {
            var kind = i == 0 ? random.Next(3) : random.Next(4);
            var size = random.Next(2, 4);
            steps.Add(kind switch
            {
                0 => Step(ids[i], [.. Enumerable.Range(0, size).Select(k => k == 0 ? X(Jump(i)) : O(Jump(i)))]),
                1 => MultiSelect(ids[i], Jump(i)),
                2 => Step(ids[i], [W(random.Next(1, 4), Jump(i)), .. Enumerable.Range(1, size - 1).Select(_ => W(random.Next(0, 4), Jump(i)))]),
                _ => Ending(ids[i]),
            });
        }
        // The right choice is not always first, nor the best weight.
        return Quiz([.. steps.Select(s => s with { Choices = [.. s.Choices.OrderBy(_ => random.Next()).Select((c, k) => c with { Number = k + 1 })] })]);

        QuizStep MultiSelect(string id, string? jump) => Step(id, X(jump), X(jump), O(jump), random.Next(2) == 0 ? X(jump) : O(jump));
    }

    /// <summary>Every complete path: each choice of a single-answer step; on a multi-select step, each single pick,
    /// every right choice together, and every choice together.</summary>
    private static IEnumerable<IReadOnlyList<Answer>> Paths(QuizDocument quiz)
    {
        var pending = new Stack<List<Answer>>([[]]);
        while (pending.Count > 0)
        {
            var answers = pending.Pop();
            var state = QuizPath.Walk(quiz, answers);
            if (state.Finished)
            {
                yield return answers;
                continue;
            }
            var step = quiz.Step(state.StepId!)!;
            foreach (var picks in Picks(step))
                pending.Push([.. answers, new Answer(step.Id, picks)]);
        }
    }

    private static IEnumerable<int[]> Picks(QuizStep step)
    {
        foreach (var choice in step.Choices) yield return [choice.Number];
        if (!step.IsMultiSelect) yield break;
        yield return [.. step.Choices.Where(c => c.Mark.Kind == MarkKind.Right).Select(c => c.Number)];
        yield return [.. step.Choices.Select(c => c.Number)];
    }
}
