namespace Academy.Domain.Quizzes;

/// <summary>The fixed order of one attempt: which steps it asks and how each step's choices are shown.</summary>
/// <param name="StepIds">For a quiz with <c>draw</c>: the drawn steps in the order asked, followed by the quiz's
/// closing ending when its last step is one. <c>null</c> otherwise: the path follows the file and its jumps.</param>
/// <param name="ChoiceNumbers">For each step whose choices the quiz shuffles (<see cref="QuizDocument.ShufflesChoicesOf"/>):
/// its choice numbers in the order to show them. Steps not listed keep the file's order.</param>
public sealed record QuizOrder(IReadOnlyList<string>? StepIds, IReadOnlyDictionary<string, IReadOnlyList<int>> ChoiceNumbers)
{
    /// <summary>The step's choices in the order this attempt shows them. Answers still name choices by their
    /// <see cref="QuizChoice.Number"/>, so the order never changes what a pick means.</summary>
    public IReadOnlyList<QuizChoice> ChoicesOf(QuizStep step) =>
        ChoiceNumbers.TryGetValue(step.Id, out var numbers) ? numbers.Select(step.Choice).OfType<QuizChoice>().ToList() : step.Choices;
}

/// <summary>Draws and shuffles for an attempt. The same quiz and seed always give the same order, on any machine
/// and any .NET version, so an attempt resumed tomorrow, or after a deploy, shows what it showed today: the web
/// app stores the seed with the attempt.</summary>
public static class QuizDraw
{
    /// <param name="seed">Any number, chosen at random when the attempt starts.</param>
    public static QuizOrder Order(QuizDocument quiz, int seed)
    {
        // System.Random is not used: its sequence for a seed is not promised to stay the same across .NET versions.
        var random = new SplitMix64(seed);
        IReadOnlyList<string>? stepIds = null;
        if (quiz.Draw is { } draw)
        {
            var questions = quiz.Steps.Where(s => !s.IsEnding).Select(s => s.Id).ToArray();
            random.Shuffle(questions);
            var drawn = questions.Take(draw).ToList();
            // Without branching only the last step can be an ending; it closes every attempt.
            if (quiz.Steps.Count > 0 && quiz.Steps[^1].IsEnding) drawn.Add(quiz.Steps[^1].Id);
            stepIds = drawn;
        }
        var choices = new Dictionary<string, IReadOnlyList<int>>(StringComparer.Ordinal);
        // Steps are shuffled in file order, after the draw: an attempt started before judgment calls were shuffled
        // by default, with shuffle: true, still gets the order it had.
        foreach (var step in quiz.Steps.Where(quiz.ShufflesChoicesOf))
        {
            var numbers = step.Choices.Select(c => c.Number).ToArray();
            random.Shuffle(numbers);
            choices[step.Id] = numbers;
        }
        return new QuizOrder(stepIds, choices);
    }

    /// <summary>Steele, Lea and Flood's SplitMix64: tiny, fast, and well distributed even from seeds 0, 1, 2.</summary>
    private sealed class SplitMix64(int seed)
    {
        private ulong _state = unchecked((ulong)seed);

        public void Shuffle<T>(T[] items)
        {
            for (var i = items.Length - 1; i > 0; i--)
            {
                var j = Below(i + 1);
                (items[i], items[j]) = (items[j], items[i]);
            }
        }

        /// <summary>The bias of a 64-bit remainder over a few dozen items is far below anything a learner could notice.</summary>
        private int Below(int count) => (int)(Next() % (ulong)count);

        private ulong Next()
        {
            var z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
