namespace Academy.Domain.Quizzes;

/// <summary>A learner's answer to one step.</summary>
/// <param name="ChoiceNumbers">The <see cref="QuizChoice.Number"/>s picked: one, or several on a multi-select step.</param>
public sealed record Answer(string StepId, IReadOnlyList<int> ChoiceNumbers);

/// <param name="Earned">Marks earned by the answers.</param>
/// <param name="Max">The most marks the quiz can give: the best path's total, or the drawn steps' for a quiz with <c>draw</c>.</param>
/// <param name="Percent">0 to 100, not rounded. Round it down for display, so that a shown score never reaches a
/// pass mark the learner missed.</param>
/// <param name="Passed">Whether <see cref="Percent"/> reaches the quiz's pass mark.</param>
public sealed record ScoreResult(decimal Earned, decimal Max, decimal Percent, bool Passed);

/// <summary>Scores quizzes and scenarios. Marks are decimals so that shares such as 1/3 add up without the drift
/// of floating point, and a learner on the best path scores exactly 100.</summary>
/// <remarks>
/// A step is worth at most 1 when it has right and wrong choices, and its best weight (normally 3) when it is
/// weighted. A scenario's score is the marks earned over the most that the best path through it earns; since
/// any path earns at most that, a learner who takes a weak branch cannot score above one who takes the best.
/// </remarks>
public static class ScenarioScorer
{
    /// <summary>Scores the answers of one attempt, complete or not.</summary>
    /// <param name="order">The attempt's order from <see cref="QuizDraw.Order"/>; required when the quiz has <c>draw</c>.</param>
    /// <exception cref="ArgumentException">An answer is not on the learner's path or has invalid picks
    /// (check each with <see cref="QuizPath.Check"/> before saving it), or <paramref name="order"/> is missing for a draw.</exception>
    /// <exception cref="InvalidOperationException">The quiz's steps loop; the parser never lets such a quiz through.</exception>
    public static ScoreResult Score(QuizDocument quiz, IReadOnlyList<Answer> answers, QuizOrder? order = null)
    {
        QuizPath.Walk(quiz, answers, order);
        var earned = answers.Sum(a => StepMarks(quiz.Step(a.StepId)!, a.ChoiceNumbers));
        var max = QuizPath.DrawnSteps(quiz, order) is { } drawn
            ? drawn.Sum(id => StepMax(quiz.Step(id)!))
            : BestTotal(quiz);
        // Nothing to earn means nothing to fail; the parser rejects such a quiz anyway.
        var percent = max == 0 ? 100m : earned * 100 / max;
        return new ScoreResult(earned, max, percent, percent >= quiz.Pass);
    }

    /// <summary>Marks for the picks on one step, from 0 to <see cref="StepMax"/>. On a step with several right
    /// choices, each right pick earns 1/(number of right choices) and each wrong pick takes as much back, never below 0.</summary>
    /// <exception cref="ArgumentException">The picks are not a valid answer to the step (see <see cref="QuizPath.CheckPicks"/>).</exception>
    public static decimal StepMarks(QuizStep step, IReadOnlyList<int> picks)
    {
        var check = QuizPath.CheckPicks(step, picks);
        if (check != AnswerCheck.Accepted)
            throw new ArgumentException($"The picks [{string.Join(", ", picks)}] are not an answer to step '{step.Id}': {check}.", nameof(picks));
        if (step.IsWeighted) return step.Choice(picks[0])!.Mark.Weight;
        var right = step.Choices.Count(c => c.Mark.Kind == MarkKind.Right);
        if (right == 0) return 0;
        var rightPicks = picks.Count(p => step.Choice(p)!.Mark.Kind == MarkKind.Right);
        // One division at the end: three right picks of three make exactly 1, where adding thirds would not.
        return Math.Max(0, (decimal)(rightPicks - (picks.Count - rightPicks)) / right);
    }

    /// <summary>The most a step can earn: 1 for right and wrong choices, the best weight for a weighted step, 0 for an ending.</summary>
    public static decimal StepMax(QuizStep step) =>
        step.IsEnding ? 0
        : step.IsWeighted ? step.Choices.Max(c => c.Mark.Weight)
        : step.Choices.Any(c => c.Mark.Kind == MarkKind.Right) ? 1 : 0;

    /// <summary>The most marks any path from the first step earns, choosing at each step the choice whose own
    /// marks plus the best of where it leads is highest. This is what a perfect score means, without <c>draw</c>.</summary>
    /// <exception cref="InvalidOperationException">The steps loop.</exception>
    public static decimal BestTotal(QuizDocument quiz)
    {
        if (quiz.Steps.Count == 0) return 0;
        var best = QuizGraph.Best(quiz, QuizGraph.Targets(quiz))
            ?? throw new InvalidOperationException($"The steps of quiz '{quiz.Id}' loop, so no path is the best.");
        return best[0];
    }

    /// <summary>What picking this one choice alone earns: its weight, 1 for a right choice of a single-answer step,
    /// its share on a multi-select step.</summary>
    internal static decimal ChoiceMarks(QuizStep step, QuizChoice choice) => StepMarks(step, [choice.Number]);
}
