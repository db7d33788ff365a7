using System.Text.Json;
using System.Text.Json.Serialization;
using Academy.Domain.Content;

namespace Academy.Domain.Quizzes;

/// <summary>A quiz or branching scenario in one language, parsed from a <c>*.quiz.md</c> file.</summary>
/// <remarks>Immutable and stored as JSON by the web app, so everything is a constructor parameter; the computed
/// members below are marked <see cref="JsonIgnoreAttribute"/> so the stored JSON holds only the content.</remarks>
/// <param name="Id">The quiz id: the file name without <c>.quiz.md</c> (and without the language).</param>
/// <param name="Pass">Percent needed to pass, 0-100.</param>
/// <param name="Draw">How many steps each attempt asks, drawn at random; <c>null</c> asks every step on the path.</param>
/// <param name="Shuffle">Which steps each attempt shows with their choices in an order of its own.</param>
/// <param name="Steps">In file order. A parsed quiz has at least one; the first is where every path starts.</param>
/// <param name="BriefingHtml">The text between the front matter and the first step, rendered: the situation a learner
/// reads before starting. Empty when the file has none, and in versions stored before briefings existed, which is
/// why it is last and optional.</param>
public sealed record QuizDocument(
    string Id,
    string ModuleId,
    string Language,
    string Title,
    int Pass,
    int? Draw,
    ChoiceShuffle Shuffle,
    IReadOnlyList<QuizStep> Steps,
    string BriefingHtml = "") : ContentDocument
{
    public QuizStep? Step(string id) => Steps.FirstOrDefault(s => s.Id == id);

    [JsonIgnore]
    public QuizStep FirstStep => Steps[0];

    /// <summary>True when some choice jumps anywhere other than the step that follows it in the file,
    /// which is what makes a quiz a branching scenario (and rules out <see cref="Draw"/>).</summary>
    [JsonIgnore]
    public bool IsBranching => Steps.Select((step, i) => (step, following: i + 1 < Steps.Count ? Steps[i + 1].Id : null))
        .Any(s => s.step.Choices.Any(c => c.Jump is not null && (c.Jump == QuizChoice.End ? null : c.Jump) != s.following));

    /// <summary>Whether each attempt shows the choices of <paramref name="step"/> in an order of its own, drawn from
    /// its seed (see <see cref="QuizDraw"/>). Judgment calls are shuffled unless the file says <c>shuffle: false</c>,
    /// so that always picking the first choice never pays; knowledge checks only with <c>shuffle: true</c>.</summary>
    public bool ShufflesChoicesOf(QuizStep step) => !step.IsEnding && Shuffle switch
    {
        ChoiceShuffle.All => true,
        ChoiceShuffle.Judgments => step.IsWeighted,
        _ => false,
    };

    /// <summary>Where a learner goes after picking <paramref name="choice"/> in <paramref name="step"/>: a step id,
    /// or <c>null</c> when the quiz is finished (<c>-&gt; end</c>, or no jump on the last step).</summary>
    /// <remarks>A jump to an id that is not a step also returns that id; the parser never lets one through.</remarks>
    public string? NextStepId(QuizStep step, QuizChoice choice) => choice.Jump switch
    {
        null => FollowingStepId(step),
        QuizChoice.End => null,
        var id => id,
    };

    private string? FollowingStepId(QuizStep step)
    {
        var index = IndexOf(step);
        return index + 1 < Steps.Count ? Steps[index + 1].Id : null;
    }

    private int IndexOf(QuizStep step)
    {
        for (var i = 0; i < Steps.Count; i++)
            if (Steps[i].Id == step.Id) return i;
        throw new ArgumentException($"'{step.Id}' is not a step of quiz '{Id}'.", nameof(step));
    }
}

/// <summary>One question, or one situation of a scenario.</summary>
/// <param name="Line">The file line of the step's <c>##</c> heading.</param>
/// <param name="Html">The situation or question, rendered; the choices are not in it.</param>
/// <param name="Choices">In file order; empty for an ending.</param>
public sealed record QuizStep(string Id, int Line, string Title, string Html, IReadOnlyList<QuizChoice> Choices)
{
    /// <summary>An ending has no choices: its text closes the scenario.</summary>
    [JsonIgnore]
    public bool IsEnding => Choices.Count == 0;

    /// <summary>More than one right choice: the learner may pick several.</summary>
    [JsonIgnore]
    public bool IsMultiSelect => Choices.Count(c => c.Mark.Kind == MarkKind.Right) > 1;

    /// <summary>Choices carry weights <c>[0]</c> to <c>[3]</c> instead of right and wrong.</summary>
    [JsonIgnore]
    public bool IsWeighted => Choices.Count > 0 && Choices.All(c => c.Mark.Kind == MarkKind.Weighted);

    /// <summary>The heaviest choice of a judgment call, shown to a learner who picked another; null for a knowledge check.</summary>
    [JsonIgnore]
    public QuizChoice? BestChoice => IsWeighted ? Choices.MaxBy(c => c.Mark.Weight) : null;

    public QuizChoice? Choice(int number) => Choices.FirstOrDefault(c => c.Number == number);

    /// <summary>Whether <paramref name="choiceNumbers"/> are exactly the right choices of a knowledge check: every
    /// <c>[x]</c> picked and nothing else. Always false for a judgment call, which has a best choice instead
    /// (<see cref="BestChoice"/>), and for an ending.</summary>
    public bool IsRightAnswer(IEnumerable<int> choiceNumbers) =>
        !IsWeighted && !IsEnding && Choices.Where(c => c.Mark.Kind == MarkKind.Right).Select(c => c.Number).ToHashSet().SetEquals(choiceNumbers);
}

/// <summary>One choice of a step.</summary>
/// <param name="Number">1-based position in the file; answers name choices by it, whatever order they are shown in.</param>
/// <param name="Html">The choice's text, rendered as inline HTML (no <c>&lt;p&gt;</c>) so it fits inside a label.</param>
/// <param name="Jump">As written: <c>null</c> for the next step in the file, <see cref="End"/> to finish, or a step id.
/// Use <see cref="QuizDocument.NextStepId"/> rather than reading it.</param>
/// <param name="FeedbackHtml">Shown once the choice is picked; block HTML, empty when the trainer wrote none.</param>
public sealed record QuizChoice(int Number, string Html, ChoiceMark Mark, string? Jump, string FeedbackHtml)
{
    /// <summary>The jump target that finishes the quiz; no step may use it as an id.</summary>
    public const string End = "end";
}

/// <summary>Which steps of a quiz show their choices in a random order, fixed per attempt: the <c>shuffle</c> key.</summary>
[JsonConverter(typeof(ChoiceShuffleJsonConverter))]
public enum ChoiceShuffle
{
    /// <summary>No <c>shuffle</c> key: judgment calls (weighted steps) are shuffled, knowledge checks keep the file's order.</summary>
    Judgments,

    /// <summary><c>shuffle: true</c>: every step.</summary>
    All,

    /// <summary><c>shuffle: false</c>: no step; learners see the choices in the file's order.</summary>
    None,
}

/// <summary>Writes <see cref="ChoiceShuffle"/> by name, and reads the <c>true</c> and <c>false</c> that quizzes stored
/// before it existed hold.</summary>
/// <remarks>Those versions wrote <c>false</c> for a file without the key as well as for <c>shuffle: false</c>, which
/// then meant the same; it is read as the default of today, <see cref="ChoiceShuffle.Judgments"/>, so that a scenario
/// published before does not keep its best choice first.</remarks>
public sealed class ChoiceShuffleJsonConverter : JsonConverter<ChoiceShuffle>
{
    public override ChoiceShuffle Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.True => ChoiceShuffle.All,
        JsonTokenType.False => ChoiceShuffle.Judgments,
        JsonTokenType.String when Enum.TryParse<ChoiceShuffle>(reader.GetString(), ignoreCase: true, out var value) && Enum.IsDefined(value) => value,
        _ => throw new JsonException("'shuffle' must be \"Judgments\", \"All\" or \"None\"."),
    };

    public override void Write(Utf8JsonWriter writer, ChoiceShuffle value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
}

[JsonConverter(typeof(JsonStringEnumConverter<MarkKind>))]
public enum MarkKind
{
    /// <summary><c>[x]</c>: full marks.</summary>
    Right,

    /// <summary><c>[ ]</c>: no marks.</summary>
    Wrong,

    /// <summary><c>[0]</c> to <c>[3]</c>: a judgment call worth its weight.</summary>
    Weighted,
}

/// <summary>The mark a trainer put before a choice.</summary>
/// <param name="Weight">0 to 3 for <see cref="MarkKind.Weighted"/>; 0 otherwise.</param>
public readonly record struct ChoiceMark(MarkKind Kind, int Weight)
{
    public const int MaxWeight = 3;

    public static ChoiceMark Right => new(MarkKind.Right, 0);
    public static ChoiceMark Wrong => new(MarkKind.Wrong, 0);

    public static ChoiceMark Weighted(int weight) =>
        weight is >= 0 and <= MaxWeight ? new(MarkKind.Weighted, weight) : throw new ArgumentOutOfRangeException(nameof(weight), weight, "A weight is 0 to 3.");

    /// <summary>Reads the text between the brackets of a mark: <c>x</c>, <c>X</c>, a space, or <c>0</c> to <c>3</c>.</summary>
    public static bool TryParse(string inside, out ChoiceMark mark)
    {
        switch (inside)
        {
            case "x" or "X":
                mark = Right;
                return true;
            case " ":
                mark = Wrong;
                return true;
            case [var digit] when digit is >= '0' and <= '3':
                mark = Weighted(digit - '0');
                return true;
            default:
                mark = default;
                return false;
        }
    }

    /// <summary>The mark as a trainer writes it, for messages.</summary>
    public override string ToString() => Kind switch
    {
        MarkKind.Right => "[x]",
        MarkKind.Wrong => "[ ]",
        _ => $"[{Weight}]",
    };
}
