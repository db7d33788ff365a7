namespace Academy.Domain.Assignments;

/// <summary>The kinds of notice an employee receives. Stored by name, so the order may change.</summary>
public enum NoticeKind { DueInAWeek, DueTomorrow, DueToday, Overdue, TeamOverdue, RefresherOpen, ExpiresInAWeek, Expired, Nudge, CertificateExpiresInAWeek }

public static class Reminders
{
    /// <summary>The one reminder that applies on <paramref name="today"/> to work due on <paramref name="due"/>: a week
    /// before, the day before, the day itself, then overdue. Each is sent once (the caller keys it), so a job that
    /// missed a day sends the current one and never the stale ones.</summary>
    public static NoticeKind? ForDueDate(DateOnly due, DateOnly today)
    {
        var days = due.DayNumber - today.DayNumber;
        return days switch
        {
            < 0 => NoticeKind.Overdue,
            0 => NoticeKind.DueToday,
            1 => NoticeKind.DueTomorrow,
            <= 7 => NoticeKind.DueInAWeek,
            _ => null,
        };
    }

    /// <summary>Overdue notices go out even to someone who turned the daily digest off.</summary>
    public static bool IgnoresDigestOptOut(NoticeKind kind) => kind is NoticeKind.Overdue or NoticeKind.TeamOverdue or NoticeKind.Nudge;
}
