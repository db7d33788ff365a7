namespace Academy.Domain.Quizzes;

/// <summary>Why an answer is accepted or not. The web app turns each into a message in the learner's language.</summary>
public enum AnswerCheck
{
    Accepted,

    /// <summary>The attempt is over: the path reached an ending or finished.</summary>
    Finished,

    /// <summary>The answer is for a step other than the one the learner's path has reached (skipped ahead, gone
    /// back, or on another branch).</summary>
    NotReached,

    /// <summary>No choice was picked.</summary>
    NoChoice,

    /// <summary>A number that is not one of the step's choices.</summary>
    UnknownChoice,

    /// <summary>The same choice was picked twice.</summary>
    RepeatedChoice,

    /// <summary>Several choices on a step that takes one.</summary>
    OneChoiceOnly,
}

/// <summary>Where an attempt stands.</summary>
/// <param name="StepId">The step to show: the question awaiting an answer, or the ending the path reached;
/// <c>null</c> when the path finished without an ending (<c>-&gt; end</c>, or past the last step).</param>
/// <param name="Finished">No more answers are expected.</param>
public sealed record PathState(string? StepId, bool Finished);

/// <summary>Follows a learner's path through a quiz: the file's steps and jumps, or for a quiz with <c>draw</c>
/// the attempt's drawn steps. Saved answers are replayed rather than stored positions, so the path can never
/// disagree with the answers.</summary>
public static class QuizPath
{
    /// <summary>Replays the answers given so far and says where the attempt stands.</summary>
    /// <param name="order">The attempt's order from <see cref="QuizDraw.Order"/>; required when the quiz has <c>draw</c>.</param>
    /// <exception cref="ArgumentException">An answer would not have been accepted (see <see cref="Check"/>), or
    /// <paramref name="order"/> is missing for a draw.</exception>
    public static PathState Walk(QuizDocument quiz, IReadOnlyList<Answer> answers, QuizOrder? order = null)
    {
        var drawn = DrawnSteps(quiz, order);
        var state = Start(quiz, drawn);
        for (var i = 0; i < answers.Count; i++)
        {
            var check = CheckAt(quiz, state, answers[i]);
            if (check != AnswerCheck.Accepted)
                throw new ArgumentException($"Answer {i + 1}, for step '{answers[i].StepId}', is not on the path of quiz '{quiz.Id}': {check}.", nameof(answers));
            state = Advance(quiz, drawn, state, answers[i], i);
        }
        return state;
    }

    /// <summary>Whether <paramref name="answer"/> may be the next answer after <paramref name="answers"/>:
    /// it must be for the step the path has reached, with valid picks.</summary>
    /// <exception cref="ArgumentException">The earlier answers are not on the path themselves.</exception>
    public static AnswerCheck Check(QuizDocument quiz, IReadOnlyList<Answer> answers, Answer answer, QuizOrder? order = null) =>
        CheckAt(quiz, Walk(quiz, answers, order), answer);

    /// <summary>Whether the picks are a valid answer to the step, wherever it is on the path: at least one, each a
    /// choice of the step, none twice, and only one unless the step has several right choices.</summary>
    public static AnswerCheck CheckPicks(QuizStep step, IReadOnlyList<int> picks)
    {
        if (picks.Count == 0) return AnswerCheck.NoChoice;
        if (picks.Any(p => step.Choice(p) is null)) return AnswerCheck.UnknownChoice;
        if (picks.Distinct().Count() != picks.Count) return AnswerCheck.RepeatedChoice;
        if (picks.Count > 1 && !step.IsMultiSelect) return AnswerCheck.OneChoiceOnly;
        return AnswerCheck.Accepted;
    }

    /// <summary>Where an answer leads. All choices of a multi-select step lead to one place (the parser makes
    /// sure), so the first choice's jump speaks for the step.</summary>
    public static string? NextStepId(QuizDocument quiz, QuizStep step, Answer answer) =>
        quiz.NextStepId(step, step.IsMultiSelect ? step.Choices[0] : step.Choice(answer.ChoiceNumbers[0])!);

    /// <summary>The drawn steps of an attempt at a quiz with <c>draw</c>; <c>null</c> when the path follows the file.</summary>
    internal static IReadOnlyList<string>? DrawnSteps(QuizDocument quiz, QuizOrder? order)
    {
        if (quiz.Draw is null) return null;
        return order?.StepIds ?? throw new ArgumentException(
            $"Quiz '{quiz.Id}' draws its steps at random: pass the attempt's order from QuizDraw.Order.", nameof(order));
    }

    private static PathState Start(QuizDocument quiz, IReadOnlyList<string>? drawn) =>
        At(quiz, drawn is not null ? drawn.FirstOrDefault() : quiz.Steps.FirstOrDefault()?.Id);

    private static PathState Advance(QuizDocument quiz, IReadOnlyList<string>? drawn, PathState state, Answer answer, int index) =>
        drawn is not null
            ? At(quiz, index + 1 < drawn.Count ? drawn[index + 1] : null)
            : At(quiz, NextStepId(quiz, quiz.Step(state.StepId!)!, answer));

    private static PathState At(QuizDocument quiz, string? stepId) =>
        stepId is null ? new PathState(null, true) : new PathState(stepId, quiz.Step(stepId)?.IsEnding ?? true);

    private static AnswerCheck CheckAt(QuizDocument quiz, PathState state, Answer answer)
    {
        if (state.Finished) return AnswerCheck.Finished;
        if (answer.StepId != state.StepId) return AnswerCheck.NotReached;
        return CheckPicks(quiz.Step(state.StepId)!, answer.ChoiceNumbers);
    }
}
