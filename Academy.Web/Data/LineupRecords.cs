namespace Academy.Web.Data;

/// <summary>A learner's daily line-up marked done; one per employee and day, so a doubled press counts once. The streak
/// and the month's count are read from these.</summary>
public sealed class LineupCompletion
{
    public long Id { get; set; }
    public string EmployeeId { get; set; } = "";

    /// <summary>The UTC day of the line-up.</summary>
    public DateOnly Day { get; set; }

    /// <summary>The standard the day's card went over.</summary>
    public string StandardId { get; set; } = "";
    public DateTimeOffset CompletedAt { get; set; }

    /// <summary>The streak this day made (<see cref="Academy.Domain.Practice.LineupRules.StreakOn"/>): the card reads the
    /// last row's, not every day of the learner's history. Counted with the working days of when each day was done.</summary>
    public int Streak { get; set; }
}

/// <summary>An employee's presence at their team's line-up, recorded by the manager who presented it: a training
/// record, shown in the employee's record and on their passport. One per employee and day.</summary>
public sealed class LineupAttendance
{
    public long Id { get; set; }
    public string EmployeeId { get; set; } = "";
    public DateOnly Day { get; set; }
    public string StandardId { get; set; } = "";
    public string RecordedById { get; set; } = "";
    public DateTimeOffset RecordedAt { get; set; }
}
