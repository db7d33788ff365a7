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

/// <summary>Where an employee stands on a program, from their cells on its modules: the report's program view.</summary>
public static class ProgramStatusRule
{
    /// <summary>Overdue if any module is overdue (dated by the earliest due date), else expired if any is expired (the
    /// earliest expiry); completed when every module is (the latest completion), expiring when every module is done and
    /// one is in its refresher window (the earliest expiry); otherwise in progress once a module is started or done, or
    /// assigned (the earliest due date of the open modules). Not assigned when no module has any status.</summary>
    public static TrainingCell Of(IReadOnlyList<TrainingCell> modules)
    {
        if (modules.All(c => c.Status == TrainingStatus.NotAssigned)) return TrainingCell.NotAssigned;
        if (modules.Any(c => c.Status == TrainingStatus.Overdue))
            return new TrainingCell(TrainingStatus.Overdue, null, modules.Where(c => c.Status == TrainingStatus.Overdue).Min(c => c.DueOn), null, null);
        if (modules.Any(c => c.Status == TrainingStatus.Expired))
            return new TrainingCell(TrainingStatus.Expired, null, null, null, modules.Where(c => c.Status == TrainingStatus.Expired).Min(c => c.ExpiresAt));
        bool Done(TrainingCell c) => c.Status is TrainingStatus.Completed or TrainingStatus.Expiring;
        if (modules.All(Done))
            return modules.Any(c => c.Status == TrainingStatus.Expiring)
                ? new TrainingCell(TrainingStatus.Expiring, null, null, null, modules.Where(c => c.Status == TrainingStatus.Expiring).Min(c => c.ExpiresAt))
                : new TrainingCell(TrainingStatus.Completed, null, null, modules.Max(c => c.CompletedAt), null);
        var started = modules.Any(c => c.Status == TrainingStatus.InProgress || Done(c));
        var due = modules.Where(c => c.Status is TrainingStatus.Assigned or TrainingStatus.InProgress).Min(c => c.DueOn);
        return new TrainingCell(started ? TrainingStatus.InProgress : TrainingStatus.Assigned, null, due, null, null);
    }
}
