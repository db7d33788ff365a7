using Academy.Domain.Assignments;
using Academy.Domain.Content;

namespace Academy.Web.Data;

/// <summary>An audience rule: a program or module assigned to everyone the rule matches, now and later. A program's
/// own <c>audience:</c> is kept here too (<see cref="FromContent"/>), refreshed from the content by the sync.</summary>
public sealed class AssignmentRule
{
    public int Id { get; set; }
    public ItemKind ItemKind { get; set; }
    public string ItemId { get; set; } = "";

    /// <summary>The <see cref="Academy.Domain.Assignments.AudienceRule"/> as JSON.</summary>
    public string RuleJson { get; set; } = "";

    public DueKind DueKind { get; set; }
    public DateOnly? DueOn { get; set; }

    /// <summary>For a relative due date: the period, as written (<c>30 days</c>).</summary>
    public string? DueAfter { get; set; }

    public string Reason { get; set; } = "";
    public bool FromContent { get; set; }
    public string? CreatedById { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? RetiredAt { get; set; }

    public AudienceRule? Rule => AudienceRule.FromJson(RuleJson);

    public DuePolicy Due => new(DueKind, DueOn, Validity.TryParse(DueAfter, out var after) ? after : null);
}

/// <summary>One employee's assignment of a program or module. Cycle 0 is the assignment by rule or by hand; a
/// refresher's cycle is the sequence of the completion it renews. The unique (employee, item, cycle) key makes every
/// job that creates assignments safe to run twice.</summary>
public sealed class Assignment
{
    public long Id { get; set; }
    public string EmployeeId { get; set; } = "";
    public ItemKind ItemKind { get; set; }
    public string ItemId { get; set; } = "";
    public int Cycle { get; set; }
    public AssignmentSource Source { get; set; }
    public int? RuleId { get; set; }

    /// <summary>Who assigned it by hand, or who wrote the rule; null for content and refreshers.</summary>
    public string? AssignedById { get; set; }

    public string Reason { get; set; } = "";
    public DateTimeOffset AssignedAt { get; set; }
    public DateOnly? DueOn { get; set; }

    /// <summary>The due date counts from the assignment because the employee has no hire date.</summary>
    public bool DueFromAssignmentDate { get; set; }

    /// <summary>For a refresher: when the completion it renews expires.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>Set when the employee no longer matches the rule; the row stays, so matching again restores it.</summary>
    public DateTimeOffset? RemovedAt { get; set; }
}

/// <summary>An in-app notice, also gathered into the daily digest. <see cref="Key"/> is unique, so a job that runs
/// twice writes each notice once.</summary>
public sealed class Notification
{
    public long Id { get; set; }
    public string EmployeeId { get; set; } = "";
    public NoticeKind Kind { get; set; }
    public string Key { get; set; } = "";
    public ItemKind ItemKind { get; set; }
    public string ItemId { get; set; } = "";

    /// <summary>For a manager's copy: the team member it is about.</summary>
    public string? AboutEmployeeId { get; set; }

    public DateOnly? DueOn { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ReadAt { get; set; }

    /// <summary>When it went into a digest (or was left out of one because the employee turned digests off).</summary>
    public DateTimeOffset? MailedAt { get; set; }
}

/// <summary>A mail waiting to be sent, sent, or given up on. Kept until sent, whatever happens to the process.</summary>
public sealed class OutboxMail
{
    public long Id { get; set; }

    /// <summary>Unique: one digest per employee and day.</summary>
    public string Key { get; set; } = "";

    public string? EmployeeId { get; set; }
    public string To { get; set; } = "";
    public string Subject { get; set; } = "";
    public string Text { get; set; } = "";
    public string Html { get; set; } = "";

    /// <summary>A file sent with the mail (a scheduled report), or null.</summary>
    public long? AttachmentId { get; set; }

    /// <summary>Set when composing, so that the mail and a new file are saved together; the dispatch reads files by id.</summary>
    public MailAttachment? Attachment { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public DateTimeOffset? FailedAt { get; set; }
    public string? LastError { get; set; }
}
