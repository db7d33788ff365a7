using Academy.Domain.Reports;

namespace Academy.Web.Data;

/// <summary>A completion report mailed on a schedule: its filter, as the report's query string, and to whom. The owner's
/// scope is looked up at each send, so a manager's subscription never mails anyone outside their reports of the day.</summary>
public sealed class ReportSubscription
{
    public int Id { get; set; }
    public string OwnerId { get; set; } = "";

    /// <summary>The report's query string, as <c>ReportFilter.ToQueryString</c> wrote it.</summary>
    public string Filter { get; set; } = "";
    public ReportFrequency Frequency { get; set; }

    /// <summary>See <see cref="ReportSchedule"/>: a day of the week (0 Sunday) or of the month.</summary>
    public int Day { get; set; }

    /// <summary><c>csv</c> or <c>xlsx</c>.</summary>
    public string Format { get; set; } = "xlsx";

    /// <summary>The addresses, one per line.</summary>
    public string Recipients { get; set; } = "";
    public bool SkipEmpty { get; set; }
    public bool Paused { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    public ReportSchedule Schedule => new(Frequency, Day);
}

public enum ReportSendOutcome
{
    /// <summary>The file went as an attachment.</summary>
    Attached,

    /// <summary>The file was over the size limit: the mail carried a signed link that expires.</summary>
    Link,

    /// <summary>No row matched and the subscription asks to skip empty reports: nothing was mailed.</summary>
    SkippedEmpty,

    /// <summary>The owner may no longer see the report (no longer HR, manages nobody, or left): nothing was mailed.</summary>
    NotAllowed,
}

/// <summary>One period's send of a subscription. Unique per subscription and period, written with the mails in one
/// transaction: a second run of the job in the same week or month finds it and sends nothing.</summary>
public sealed class ReportSend
{
    public long Id { get; set; }
    public int SubscriptionId { get; set; }

    /// <summary><see cref="ReportSchedule.Period"/>: <c>2026-W02</c> or <c>2026-01</c>.</summary>
    public string Period { get; set; } = "";
    public DateTimeOffset At { get; set; }
    public int Rows { get; set; }
    public ReportSendOutcome Outcome { get; set; }
}

/// <summary>A file attached to mails of the outbox; several mails (one per recipient) share one copy.</summary>
public sealed class MailAttachment
{
    public long Id { get; set; }
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "";
    public byte[] Content { get; set; } = [];
}
