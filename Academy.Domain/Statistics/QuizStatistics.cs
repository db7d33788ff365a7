using Academy.Domain.Quizzes;

namespace Academy.Domain.Statistics;

/// <summary>One attempt as statistics see it: what was played, never who played it.</summary>
/// <param name="Seed">The attempt's seed: for a quiz with <c>draw</c> it fixes which steps the attempt asks
/// (see <see cref="QuizDraw.Order"/>), so the path, and where the learner stopped, can be replayed.</param>
/// <param name="Percent">The score of a finished attempt, 0 to 100; <c>null</c> while unfinished.</param>
/// <param name="Answers">In the order given.</param>
public sealed record PlayedAttempt(int Seed, bool Finished, decimal? Percent, bool Passed, IReadOnlyList<Answer> Answers);

/// <summary>Item statistics of one quiz version: how attempts went, how often each choice is taken, where
/// learners stop.</summary>
/// <remarks>Percentages are 0 to 100 and not rounded: the page rounds them for display.</remarks>
/// <param name="Started">Every attempt, finished or not.</param>
/// <param name="PassRate">Percent of the finished attempts that passed; <c>null</c> when none is finished.</param>
/// <param name="AverageScore">Mean score of the finished attempts; <c>null</c> when none is finished.</param>
/// <param name="MedianScore">Median score of the finished attempts; <c>null</c> when none is finished.</param>
/// <param name="Steps">Every step of the quiz in file order, endings included.</param>
public sealed record QuizStatistics(
    int Started,
    int Finished,
    int Passed,
    decimal? PassRate,
    decimal? AverageScore,
    decimal? MedianScore,
    IReadOnlyList<StepStatistics> Steps)
{
    /// <summary>Attempts not finished: abandoned, or still being played.</summary>
    public int Unfinished => Started - Finished;

    /// <summary>Percent of the unfinished attempts that stopped at <paramref name="step"/>, 0 to 100; 0 when every attempt is finished.</summary>
    public decimal StoppedShare(StepStatistics step) => Unfinished == 0 ? 0 : step.StoppedHere * 100m / Unfinished;

    /// <summary>Computes the statistics of <paramref name="attempts"/>, which must all have been played on
    /// <paramref name="quiz"/> (the same content version).</summary>
    /// <exception cref="ArgumentException">An attempt's answers are not a path through <paramref name="quiz"/>:
    /// it was played on another version. Stored answers are checked with <see cref="QuizPath.Check"/>, so this
    /// does not happen to attempts grouped by their version.</exception>
    public static QuizStatistics Compute(QuizDocument quiz, IReadOnlyList<PlayedAttempt> attempts)
    {
        var reached = new Dictionary<string, int>(StringComparer.Ordinal);
        var answered = new Dictionary<string, int>(StringComparer.Ordinal);
        var stopped = new Dictionary<string, int>(StringComparer.Ordinal);
        var picks = new Dictionary<(string StepId, int Number), int>();

        foreach (var attempt in attempts)
        {
            // Only a draw changes the path; a shuffle changes the order shown, which statistics do not need.
            var order = quiz.Draw is null ? null : QuizDraw.Order(quiz, attempt.Seed);
            var state = QuizPath.Walk(quiz, attempt.Answers, order);
            foreach (var answer in attempt.Answers)
            {
                Increment(reached, answer.StepId);
                Increment(answered, answer.StepId);
                foreach (var number in answer.ChoiceNumbers) Increment(picks, (answer.StepId, number));
            }
            // The step the path has come to and not answered: the ending reached, or where the learner stopped.
            if (state.StepId is { } current)
            {
                Increment(reached, current);
                if (!attempt.Finished && !state.Finished) Increment(stopped, current);
            }
        }

        var steps = quiz.Steps.Select(step =>
        {
            var answers = answered.GetValueOrDefault(step.Id);
            var choices = step.Choices.Select(choice =>
            {
                var count = picks.GetValueOrDefault((step.Id, choice.Number));
                return new ChoiceStatistics(choice, count, answers == 0 ? 0 : count * 100m / answers);
            }).ToList();
            return new StepStatistics(step, reached.GetValueOrDefault(step.Id), answers, stopped.GetValueOrDefault(step.Id), choices);
        }).ToList();

        var finished = attempts.Where(a => a.Finished).ToList();
        var scores = finished.Where(a => a.Percent is not null).Select(a => a.Percent!.Value).Order().ToList();
        var passed = finished.Count(a => a.Passed);
        return new QuizStatistics(
            attempts.Count,
            finished.Count,
            passed,
            finished.Count == 0 ? null : passed * 100m / finished.Count,
            scores.Count == 0 ? null : scores.Average(),
            Median(scores),
            steps);
    }

    private static decimal? Median(IReadOnlyList<decimal> sorted) => sorted.Count switch
    {
        0 => null,
        var n when n % 2 == 1 => sorted[n / 2],
        var n => (sorted[n / 2 - 1] + sorted[n / 2]) / 2,
    };

    private static void Increment<TKey>(Dictionary<TKey, int> counts, TKey key) where TKey : notnull =>
        counts[key] = counts.GetValueOrDefault(key) + 1;
}

/// <param name="Reached">Attempts whose path came to this step: they answered it, stopped at it, or ended on it.</param>
/// <param name="Answered">Attempts that answered it; the base of each choice's <see cref="ChoiceStatistics.Share"/>.</param>
/// <param name="StoppedHere">Unfinished attempts waiting at this step: where learners drop out of the scenario
/// (or are still thinking: an attempt in progress counts too).</param>
/// <param name="Choices">In file order; empty for an ending.</param>
public sealed record StepStatistics(QuizStep Step, int Reached, int Answered, int StoppedHere, IReadOnlyList<ChoiceStatistics> Choices);

/// <param name="Picks">How many answers at the step picked this choice.</param>
/// <param name="Share">Percent of the step's answers that picked it; 0 when nobody answered the step. On a
/// multi-select step each pick counts, so the shares of a step can add up to more than 100.</param>
public sealed record ChoiceStatistics(QuizChoice Choice, int Picks, decimal Share);
