namespace Academy.Domain.Assignments;

/// <summary>Where an open or done assignment stands, as My learning, the team page and the completion report show it.</summary>
public enum AssignmentState { Assigned, DueSoon, Overdue, Expiring, Expired, Completed }

/// <summary>The one rule that names an assignment's state, shared by My learning and the completion report.</summary>
public static class AssignmentStatus
{
    /// <summary>How close a due date must be to count as "due soon": a week, as the reminders say.</summary>
    public const int DueSoonDays = 7;

    /// <param name="done">The assignment is completed (its own completion, or a current completion of what it asks).</param>
    /// <param name="expiresAt">For a refresher: when the completion it renews expires.</param>
    /// <param name="refresher">The assignment renews an expiring completion.</param>
    public static AssignmentState Of(bool done, DateTimeOffset? expiresAt, DateOnly? dueOn, bool refresher, DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        return done ? AssignmentState.Completed
            : expiresAt is { } expiry && now >= expiry ? AssignmentState.Expired
            : dueOn < today ? AssignmentState.Overdue
            : refresher ? AssignmentState.Expiring
            : dueOn is { } due && due.DayNumber - today.DayNumber <= DueSoonDays ? AssignmentState.DueSoon
            : AssignmentState.Assigned;
    }
}
