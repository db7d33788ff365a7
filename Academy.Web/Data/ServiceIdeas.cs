using Academy.Domain.Practice;

namespace Academy.Web.Data;

/// <summary>Something an employee noticed about customers, or an idea to serve them better, tagged with a standard
/// and the poster's team. Ideas a manager marks in practice are the leading indicator and the line-up's stories.</summary>
public sealed class ServiceIdea
{
    public int Id { get; set; }
    public string AuthorId { get; set; } = "";
    public Employee? Author { get; set; }
    public IdeaKind Kind { get; set; }

    /// <summary>A standard's id from <c>content/standards.md</c>; null when the poster named none.</summary>
    public string? StandardId { get; set; }

    /// <summary>The poster's department when posted: the team whose manager decides, and the indicator's grouping.</summary>
    public string? Department { get; set; }
    public string Text { get; set; } = "";
    public DateTimeOffset PostedAt { get; set; }

    /// <summary><see cref="IdeaRules.DoublePostKey"/> of the post: two unique keys refuse a double post that raced the
    /// check. Null on ideas posted before the keys existed.</summary>
    public string? TextHash { get; set; }
    public long? PostedSlot { get; set; }
    public long? PostedShiftedSlot { get; set; }

    public IdeaStatus Status { get; set; } = IdeaStatus.Proposed;

    /// <summary>The day the idea was put into practice; set with <see cref="IdeaStatus.InPractice"/>.</summary>
    public DateOnly? InPracticeOn { get; set; }

    /// <summary>Why not now; set with <see cref="IdeaStatus.NotNow"/>.</summary>
    public string? NotNowReason { get; set; }
    public string? DecidedById { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }

    /// <summary>Moves the idea to <paramref name="to"/> as <see cref="IdeaRules.CheckMove"/> allows, stamping who decided
    /// and when, and the day it went into practice (in UTC) or the reason it is not for now.</summary>
    /// <returns>The problem, and the idea unchanged; null when it moved.</returns>
    public IdeaMoveProblem? MoveTo(IdeaStatus to, string? reason, string deciderId, bool mayDecide, DateTimeOffset now)
    {
        if (IdeaRules.CheckMove(Status, to, reason, mayDecide) is { } problem) return problem;
        Status = to;
        InPracticeOn = to == IdeaStatus.InPractice ? DateOnly.FromDateTime(now.UtcDateTime) : null;
        NotNowReason = to == IdeaStatus.NotNow ? IdeaRules.Normalise(reason) : null;
        (DecidedById, DecidedAt) = (deciderId, now);
        return null;
    }
}

/// <summary>A colleague's endorsement; one per employee and idea.</summary>
public sealed class IdeaEndorsement
{
    public int IdeaId { get; set; }
    public string EmployeeId { get; set; } = "";
    public DateTimeOffset At { get; set; }
}

public sealed class IdeaComment
{
    public int Id { get; set; }
    public int IdeaId { get; set; }
    public string AuthorId { get; set; } = "";
    public Employee? Author { get; set; }
    public string Text { get; set; } = "";
    public DateTimeOffset PostedAt { get; set; }
}

/// <summary>How many ideas went into practice in a month, for a department and a standard: the leading indicator reads
/// these few hundred rows instead of grouping every idea (<see cref="IdeaMonthCountsInterceptor"/> keeps them, in the
/// transaction of the save that moves an idea in or out of practice). An idea counts under the department recorded on
/// it, its author's when posted: someone who later changes department leaves their past ideas where they were made.</summary>
public sealed class IdeaMonthCount
{
    /// <summary>The first day of the month the ideas were put into practice.</summary>
    public DateOnly Month { get; set; }

    /// <summary>The ideas' department; "" for none (a key column cannot be null).</summary>
    public string Department { get; set; } = "";

    /// <summary>The ideas' standard id; "" for none.</summary>
    public string StandardId { get; set; } = "";

    /// <summary>Never negative; 0 once every idea counted here has left practice.</summary>
    public int Ideas { get; set; }

    public static DateOnly MonthOf(DateOnly day) => new(day.Year, day.Month, 1);
}
