namespace Academy.Web.Data;

/// <summary>The same counts over the modules of one standard or one program (<see cref="Group"/>), made with the
/// employee's <see cref="EmployeeTrainingCount"/> row and fresh while it is: the rollups filtered by a standard or a
/// program sum these instead of counting a quarter of 5 million cells live. A group in which the employee has no cell
/// but "not assigned" has no row.</summary>
public sealed class EmployeeTrainingGroupCount
{
    public const string Standard = "standard:", Program = "program:";

    public string EmployeeId { get; set; } = "";

    /// <summary><see cref="Standard"/> or <see cref="Program"/> followed by its id.</summary>
    public string Group { get; set; } = "";

    public int Assigned { get; set; }
    public int InProgress { get; set; }
    public int Completed { get; set; }
    public int Overdue { get; set; }
    public int Expiring { get; set; }
    public int Expired { get; set; }

    public long[] ByStatus() => [0, Assigned, InProgress, Completed, Overdue, Expiring, Expired];
}
