using Academy.Domain.Content;

namespace Academy.Domain.Assignments;

public enum DueKind { None, Fixed, AfterHire, AfterAssignment }

/// <summary>A due date as resolved for one employee. <see cref="FromAssignmentDate"/> says that a date meant to count
/// from the hire date counted from the assignment instead, because the employee has no hire date.</summary>
public readonly record struct ResolvedDue(DateOnly? Date, bool FromAssignmentDate);

/// <summary>When an assignment is due: never, on a fixed date, or a period after the hire date or the assignment.</summary>
public sealed record DuePolicy(DueKind Kind, DateOnly? On = null, Validity? After = null)
{
    public static readonly DuePolicy None = new(DueKind.None);

    public static DuePolicy Fixed(DateOnly date) => new(DueKind.Fixed, date);
    public static DuePolicy AfterHire(Validity period) => new(DueKind.AfterHire, null, period);
    public static DuePolicy AfterAssignment(Validity period) => new(DueKind.AfterAssignment, null, period);

    public ResolvedDue For(DateOnly? hireDate, DateOnly assignedOn) => Kind switch
    {
        DueKind.Fixed => new(On, false),
        DueKind.AfterHire when hireDate is { } hired => new(Add(hired), false),
        DueKind.AfterHire => new(Add(assignedOn), true),
        DueKind.AfterAssignment => new(Add(assignedOn), false),
        _ => new(null, false),
    };

    /// <summary>The reason the policy cannot be saved today, in words for the form; <c>null</c> when it can.</summary>
    public string? Problem(DateOnly today) => Kind switch
    {
        DueKind.Fixed when On is null => "Enter the due date.",
        DueKind.Fixed when On < today => "The due date is in the past: choose today or a later date.",
        DueKind.AfterHire or DueKind.AfterAssignment when After is null => "Enter the number of days allowed.",
        _ => null,
    };

    private DateOnly Add(DateOnly start) =>
        DateOnly.FromDateTime(After!.Value.AddTo(new DateTimeOffset(start.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)).UtcDateTime);
}
