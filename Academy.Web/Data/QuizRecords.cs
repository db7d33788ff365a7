namespace Academy.Web.Data;

/// <summary>One try at a quiz, pinned to the exact content version (and so language) it started on:
/// publishing a new version never changes an attempt in progress.</summary>
public sealed class QuizAttempt
{
    public int Id { get; set; }
    public string EmployeeId { get; set; } = "";
    public string ModuleId { get; set; } = "";
    public string QuizId { get; set; } = "";
    public int ContentVersionId { get; set; }

    /// <summary>Fixes the drawn steps and the shuffled choices of this attempt, so a resumed attempt looks the same.</summary>
    public int Seed { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public decimal? Percent { get; set; }
    public bool Passed { get; set; }
    public List<QuizAnswer> Answers { get; set; } = [];
}

/// <summary>One decision of an attempt. Unique per attempt and step, so a replayed submission counts once.</summary>
public sealed class QuizAnswer
{
    public int Id { get; set; }
    public int QuizAttemptId { get; set; }
    public int Sequence { get; set; }
    public string StepId { get; set; } = "";

    /// <summary>The picked choice numbers, comma-separated in the order picked, e.g. <c>2</c> or <c>1,3</c>.</summary>
    public string Choices { get; set; } = "";
    public decimal Marks { get; set; }
    public DateTimeOffset AnsweredAt { get; set; }

    public IReadOnlyList<int> ChoiceNumbers => Choices.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToList();
}
