using System.Security.Cryptography;
using System.Text;
using Academy.Domain.Quizzes;

namespace Academy.Domain.Practice;

/// <summary>How quiz answers feed spaced review: the rating an answer earns and which items are due.</summary>
public static class ReviewRules
{
    /// <summary>The rating an answer to <paramref name="step"/> earns. A knowledge check: right → Good, anything else → Again.
    /// A judgment call: the best choice → Good, one worth at least half of it → Hard, a poorer one → Again.</summary>
    /// <remarks>Never <see cref="Rating.Easy"/>: a quiz cannot tell an effortless recall from a good one.</remarks>
    /// <exception cref="ArgumentException">The picks are not an answer to the step, or the step is an ending.</exception>
    public static Rating RatingFor(QuizStep step, IReadOnlyList<int> picks)
    {
        if (!IsReviewable(step)) throw new ArgumentException($"Step '{step.Id}' asks nothing, so it cannot be reviewed.", nameof(step));
        var marks = ScenarioScorer.StepMarks(step, picks);
        if (!step.IsWeighted) return step.IsRightAnswer(picks) ? Rating.Good : Rating.Again;
        var max = ScenarioScorer.StepMax(step);
        return marks >= max ? Rating.Good : marks * 2 >= max ? Rating.Hard : Rating.Again;
    }

    /// <summary>Whether a step becomes a review item: it asks something that has a better and a worse answer.</summary>
    public static bool IsReviewable(QuizStep step) => !step.IsEnding && ScenarioScorer.StepMax(step) > 0;

    /// <summary>The end of the UTC day of <paramref name="now"/>: an item is due today when due before it, so that a
    /// learner who reviews in the morning also gets what falls due in the afternoon.</summary>
    public static DateTimeOffset EndOfDay(DateTimeOffset now) => new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddDays(1);

    /// <summary>The items due by the end of <paramref name="now"/>'s day, the most overdue first.</summary>
    public static IReadOnlyList<T> DueToday<T>(IEnumerable<T> items, Func<T, DateTimeOffset> due, DateTimeOffset now)
    {
        var end = EndOfDay(now);
        return [.. items.Where(i => due(i) < end).OrderBy(due)];
    }

    /// <summary>A fingerprint of what a learner is asked in <paramref name="step"/>: its title, text, choices and their
    /// marks. A review item whose step's fingerprint changed asks something new, so it starts again; a change to the
    /// feedback alone does not.</summary>
    public static string StepHash(QuizStep step)
    {
        var text = new StringBuilder().Append(step.Title).Append('\n').Append(step.Html);
        foreach (var choice in step.Choices) text.Append('\n').Append(choice.Mark).Append(' ').Append(choice.Html);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..32];
    }
}
