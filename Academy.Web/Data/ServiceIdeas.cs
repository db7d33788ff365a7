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
    public IdeaStatus Status { get; set; } = IdeaStatus.Proposed;

    /// <summary>The day the idea was put into practice; set with <see cref="IdeaStatus.InPractice"/>.</summary>
    public DateOnly? InPracticeOn { get; set; }

    /// <summary>Why not now; set with <see cref="IdeaStatus.NotNow"/>.</summary>
    public string? NotNowReason { get; set; }
    public string? DecidedById { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
}

public enum IdeaKind
{
    /// <summary>Something noticed about a customer, shared on the spot.</summary>
    Notice,
    Idea,
}

public enum IdeaStatus
{
    Proposed,
    Trying,
    InPractice,
    NotNow,
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
