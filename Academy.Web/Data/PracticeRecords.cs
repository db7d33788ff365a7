using Academy.Domain.Practice;

namespace Academy.Web.Data;

/// <summary>One quiz question or scenario step an employee has answered, with its FSRS memory state: what spaced
/// review brings back. One per employee and step, whatever the number of attempts.</summary>
public sealed class ReviewItem
{
    public int Id { get; set; }
    public string EmployeeId { get; set; } = "";
    public string ModuleId { get; set; } = "";
    public string QuizId { get; set; } = "";
    public string StepId { get; set; } = "";

    /// <summary><see cref="ReviewRules.StepHash"/> of the step (in the quiz's default language) when the memory state began.</summary>
    public string ContentHash { get; set; } = "";
    public MemoryPhase Phase { get; set; } = MemoryPhase.Learning;
    public int? LearningStep { get; set; }
    public double? Stability { get; set; }
    public double? Difficulty { get; set; }
    public DateTimeOffset Due { get; set; }
    public DateTimeOffset? LastReview { get; set; }
    public int Reps { get; set; }
    public int Lapses { get; set; }

    /// <summary>Set when the step left the quiz: the item is kept, for its history, but no longer asked.</summary>
    public DateTimeOffset? RetiredAt { get; set; }

    public MemoryState Memory => new(Phase, LearningStep, Stability, Difficulty, Due, LastReview, Reps, Lapses);

    /// <summary>Applies one review with <paramref name="rating"/>. An item whose step changed since (another
    /// <paramref name="contentHash"/>) or came back after being removed starts a new memory state first: what was
    /// learnt about the old question says nothing about the new one.</summary>
    public void Review(string contentHash, Rating rating, DateTimeOffset at)
    {
        var memory = contentHash == ContentHash && RetiredAt is null ? Memory : MemoryState.New(at) with { Reps = Reps, Lapses = Lapses };
        var next = FsrsScheduler.Daily.Review(memory, rating, at);
        (ContentHash, RetiredAt) = (contentHash, null);
        (Phase, LearningStep, Stability, Difficulty, Due, LastReview, Reps, Lapses) =
            (next.Phase, next.Step, next.Stability, next.Difficulty, next.Due, next.LastReview, next.Reps, next.Lapses);
    }
}

/// <summary>One answer given on the Review page. Unique per item and sequence, so a replayed POST counts once.</summary>
public sealed class ReviewLog
{
    public int Id { get; set; }
    public int ReviewItemId { get; set; }

    /// <summary>The item's <see cref="ReviewItem.Reps"/> after this review.</summary>
    public int Sequence { get; set; }

    /// <summary>The picked choice numbers, comma-separated, e.g. <c>2</c> or <c>1,3</c>.</summary>
    public string Choices { get; set; } = "";
    public Rating Rating { get; set; }
    public DateTimeOffset ReviewedAt { get; set; }

    public IReadOnlyList<int> ChoiceNumbers => Choices.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToList();
}
