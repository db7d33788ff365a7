using Academy.Domain.Assignments;
using Academy.Domain.Content;
using Academy.Domain.Learning;

namespace Academy.Domain.Reports;

/// <summary>One cell of the completion report: where an employee stands on one module.</summary>
public enum TrainingStatus { NotAssigned, Assigned, InProgress, Completed, Overdue, Expiring, Expired }

/// <summary>What the report knows of an assignment that covers a module (the module's own, or a program's that holds it).</summary>
/// <param name="Cycle">0 for the first assignment; a refresher's cycle otherwise.</param>
public readonly record struct AssignmentFacts(DateTimeOffset AssignedAt, DateOnly? DueOn, int Cycle, bool Refresher, DateTimeOffset? ExpiresAt, DateTimeOffset? CompletedAt);

/// <summary>A cell with the dates that explain it.</summary>
public readonly record struct TrainingCell(TrainingStatus Status, DateTimeOffset? AssignedAt, DateOnly? DueOn, DateTimeOffset? CompletedAt, DateTimeOffset? ExpiresAt)
{
    public static readonly TrainingCell NotAssigned = new(TrainingStatus.NotAssigned, null, null, null, null);

    /// <summary>The one date the report shows beside the status: the due date of open work, the completion date of
    /// completed work, the expiry of expiring or expired work.</summary>
    public DateOnly? Date => Status switch
    {
        TrainingStatus.Assigned or TrainingStatus.InProgress or TrainingStatus.Overdue => DueOn,
        TrainingStatus.Completed => CompletedAt is { } c ? DateOnly.FromDateTime(c.UtcDateTime) : null,
        TrainingStatus.Expiring or TrainingStatus.Expired => ExpiresAt is { } e ? DateOnly.FromDateTime(e.UtcDateTime) : null,
        _ => null,
    };
}

/// <summary>The completion report's rule. It names assignments' states with <see cref="AssignmentStatus"/>, the rule of
/// My learning, and adds what only a report needs: work not assigned, and work started but not finished.</summary>
public static class TrainingStatusRule
{
    /// <param name="assignment">The assignment that decides: see <see cref="Deciding"/>; null when none covers the module.</param>
    /// <param name="completion">The employee's latest completion of the module.</param>
    /// <param name="lastActivity">The employee's latest lesson read or quiz attempt on the module.</param>
    /// <param name="refresherWindow">The module's refresher window, for a completion that expires with no refresher assigned yet.</param>
    public static TrainingCell Of(AssignmentFacts? assignment, Completion? completion, DateTimeOffset? lastActivity, Validity? refresherWindow, DateTimeOffset now)
    {
        var current = completion is { } c && c.IsCurrent(now);
        // Work since the last completion counts as a start on the next one, as ModuleProgress counts it.
        var started = lastActivity is { } at && (completion is null || at > completion.Value.CompletedAt);
        if (assignment is { } a)
        {
            var done = a.CompletedAt is not null || current && (a.Cycle == 0 || completion!.Value.ExpiresAt > a.ExpiresAt);
            var status = AssignmentStatus.Of(done, a.ExpiresAt, a.DueOn, a.Refresher, now) switch
            {
                AssignmentState.Completed => TrainingStatus.Completed,
                AssignmentState.Expired => TrainingStatus.Expired,
                AssignmentState.Overdue => TrainingStatus.Overdue,
                AssignmentState.Expiring => TrainingStatus.Expiring,
                _ => started ? TrainingStatus.InProgress : TrainingStatus.Assigned,
            };
            return new TrainingCell(status, a.AssignedAt, a.DueOn, completion?.CompletedAt ?? a.CompletedAt,
                status is TrainingStatus.Expiring or TrainingStatus.Expired ? a.ExpiresAt ?? completion?.ExpiresAt : completion?.ExpiresAt);
        }
        if (completion is { } done2)
        {
            var status = Refresher.StatusAt(done2.ExpiresAt, refresherWindow, now) switch
            {
                CompletionStatus.Expired => started ? TrainingStatus.InProgress : TrainingStatus.Expired,
                CompletionStatus.WindowOpen => TrainingStatus.Expiring,
                _ => TrainingStatus.Completed,
            };
            return new TrainingCell(status, null, null, done2.CompletedAt, done2.ExpiresAt);
        }
        return started ? new TrainingCell(TrainingStatus.InProgress, null, null, null, null) : TrainingCell.NotAssigned;
    }

    /// <summary>Of the assignments covering a module, the one that decides its cell: an open one before a done one, and
    /// among those the latest cycle, then the latest assigned.</summary>
    /// <remarks>One pass and no allocation: the report calls it for every cell (5 million in an export of 50,000 × 100).
    /// On a full tie the first one given wins.</remarks>
    public static AssignmentFacts? Deciding(IEnumerable<AssignmentFacts> assignments)
    {
        AssignmentFacts? best = null;
        foreach (var a in assignments)
            if (best is not { } b || Decides(a, b)) best = a;
        return best;
    }

    /// <summary>Whether <paramref name="a"/> goes before <paramref name="b"/>: open before done, then the later cycle,
    /// then the later assigned.</summary>
    public static bool Decides(in AssignmentFacts a, in AssignmentFacts b)
    {
        var (aOpen, bOpen) = (a.CompletedAt is null, b.CompletedAt is null);
        if (aOpen != bOpen) return aOpen;
        return a.Cycle != b.Cycle ? a.Cycle > b.Cycle : a.AssignedAt > b.AssignedAt;
    }
}
