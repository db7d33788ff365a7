using Academy.Domain.Quizzes;

namespace Academy.Tests.Domain;

/// <summary>Builds quizzes as records, without Markdown, so that scoring tests state their graph in one glance:
/// <c>Quiz(Step("a", W(3, "b"), W(0, "end")), Step("b", X(), O()))</c>.</summary>
internal static class QuizBuilder
{
    public static QuizChoice X(string? jump = null) => new(0, "right", ChoiceMark.Right, jump, "");

    public static QuizChoice O(string? jump = null) => new(0, "wrong", ChoiceMark.Wrong, jump, "");

    public static QuizChoice W(int weight, string? jump = null) => new(0, $"weight {weight}", ChoiceMark.Weighted(weight), jump, "");

    /// <summary>Numbers the choices 1, 2, 3... as the parser does.</summary>
    public static QuizStep Step(string id, params QuizChoice[] choices) =>
        new(id, 1, id, $"<p>{id}</p>\n", choices.Select((c, i) => c with { Number = i + 1 }).ToList());

    public static QuizStep Ending(string id) => Step(id);

    public static QuizDocument Quiz(params QuizStep[] steps) => Quiz(80, steps);

    public static QuizDocument Quiz(int pass, params QuizStep[] steps) =>
        new("quiz", "module", "en", "Quiz", pass, null, ChoiceShuffle.Judgments, steps);

    /// <summary>The contract's late-arrival scenario, reduced: the best path arrival [3] → news [3] → details [3] earns 9.</summary>
    public static QuizDocument LateArrival() => Quiz(70,
        Step("arrival", W(3, "news"), W(2, "news"), W(0, "upset")),
        Step("news", W(3, "details"), W(1, "waiting"), W(0, "waiting")),
        Step("upset", W(3, "details"), W(1, "waiting"), W(0, "end")),
        Step("waiting", W(3, "settled"), W(1, "lost"), W(0, "lost")),
        Step("details", W(3, "settled"), W(2, "settled"), W(1, "settled")),
        Ending("settled"),
        Ending("lost"));

    public static Answer A(string stepId, params int[] picks) => new(stepId, picks);
}
